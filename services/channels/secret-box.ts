/**
 * Channel credentials at rest (app secrets, page and bot tokens, LINE channel secrets): AES-256-GCM under a key derived
 * with HKDF-SHA256 from MERIDIAN_SECRET (label `meridian/channel-secrets/v1`, same scheme as config/derived-keys.ts),
 * a random 96-bit IV per value, and an optional context (e.g. the channel account id) bound as associated data, so a
 * ciphertext copied onto another record does not decrypt. Output: `mcs1.<iv>.<ciphertext>.<tag>` in base64url.
 * During a rotation, values sealed under the previous secret still open.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'mcs1';
const LABEL = 'meridian/channel-secrets/v1';
const SALT = 'meridian';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The server secret and, while rotating, the one it replaces (as config/derived-keys.ts `Secrets`). */
export interface SecretKeys {
  secret: string;
  previousSecret?: string;
}

export class SecretBoxError extends Error {
  constructor(readonly reason: 'MALFORMED' | 'UNSUPPORTED_VERSION' | 'TAMPERED_OR_WRONG_KEY') {
    super(`channel secret cannot be opened: ${reason}`);
    this.name = 'SecretBoxError';
  }
}

const keyOf = (secret: string) => Buffer.from(hkdfSync('sha256', secret, SALT, LABEL, 32));

/** Seals a credential for storage. */
export function encryptSecret(plaintext: string, keys: SecretKeys, context = ''): string {
  if (!keys.secret) throw new SecretBoxError('TAMPERED_OR_WRONG_KEY');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(keys.secret), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(`${VERSION}|${context}`, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

function open(key: Buffer, iv: Buffer, ciphertext: Buffer, tag: Buffer, context: string): string | null {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(`${VERSION}|${context}`, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null; // authentication failed: tampered, another context, or another key
  }
}

/** Opens a sealed credential (current secret first, then the previous one), or throws SecretBoxError. */
export function decryptSecret(sealed: string, keys: SecretKeys, context = ''): string {
  const parts = sealed.split('.');
  if (parts.length !== 4) throw new SecretBoxError('MALFORMED');
  const [version, ivText, ciphertextText, tagText] = parts as [string, string, string, string];
  if (version !== VERSION) throw new SecretBoxError('UNSUPPORTED_VERSION');
  const b64url = /^[A-Za-z0-9_-]*$/;
  if (![ivText, ciphertextText, tagText].every((p) => b64url.test(p))) throw new SecretBoxError('MALFORMED');
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('MALFORMED');
  const ciphertext = Buffer.from(ciphertextText, 'base64url');
  for (const secret of [keys.secret, keys.previousSecret]) {
    if (!secret) continue;
    const plaintext = open(keyOf(secret), iv, ciphertext, tag, context);
    if (plaintext !== null) return plaintext;
  }
  throw new SecretBoxError('TAMPERED_OR_WRONG_KEY');
}
