/**
 * One key per purpose, derived from MERIDIAN_SECRET with HKDF-SHA256 (RFC 5869): a key that leaks from one use reveals
 * nothing about the others, and the master secret itself keys nothing.
 */
import { hkdfSync } from 'node:crypto';

/**
 * Every purpose a key is derived from MERIDIAN_SECRET for, with its HKDF label. One label per purpose, so a key
 * derived for one purpose is useless for any other; add a purpose here, never reuse or change a label (every value
 * keyed with it would stop matching).
 */
export const KEY_LABELS = {
  temporalPayloads: 'meridian/temporal-payloads/v1',
  apiKeyHash: 'meridian/api-key-hash/v1',
  queryCode: 'meridian/query-code/v1',
  intakeIdempotency: 'meridian/intake-idempotency/v1',
  surveyToken: 'meridian/survey-token/v1',
  webchatVisitor: 'meridian/webchat-visitor/v1',
} as const;

export type KeyPurpose = keyof typeof KEY_LABELS;

/** Fixed salt: the secret is already high-entropy, the label does the separation (RFC 5869 §3.1). */
const SALT = 'meridian';

/** A 256-bit key for one purpose, derived from the server secret with HKDF-SHA256. */
export function deriveKey(secret: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, SALT, KEY_LABELS[purpose], 32));
}

/** The secrets a deployment holds: the current one and, while rotating, the one it replaces. */
export interface Secrets {
  secret: string;
  previousSecret?: string;
}

/** The keys of one purpose: new values are keyed with `current`; lookups try every `accepted` key, current first. */
export interface KeyRing {
  current: Buffer;
  accepted: Buffer[];
}

/**
 * The key ring of a purpose that HMACs stored lookup values (API keys, query codes, intake keys). Accepted, in order:
 * the current secret's derived key, the previous secret's, then each raw secret, which keyed those HMACs before keys
 * were derived (values stored then are still found, and rewritten under the current key where the plaintext is at hand).
 */
export function keyRing(secrets: Secrets, purpose: Exclude<KeyPurpose, 'temporalPayloads'>): KeyRing {
  const all = [secrets.secret, ...(secrets.previousSecret ? [secrets.previousSecret] : [])];
  const current = deriveKey(secrets.secret, purpose);
  const accepted = [current, ...all.slice(1).map((s) => deriveKey(s, purpose)), ...all.map((s) => Buffer.from(s, 'utf8'))];
  return { current, accepted };
}
