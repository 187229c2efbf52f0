import { hkdfSync } from 'node:crypto';

/**
 * Every purpose a key is derived from MERIDIAN_SECRET for, with its HKDF label. One label per purpose, so a key
 * derived for one purpose is useless for any other; add a purpose here, never reuse a label.
 */
export const KEY_LABELS = {
  temporalPayloads: 'meridian/temporal-payloads/v1',
} as const;

export type KeyPurpose = keyof typeof KEY_LABELS;

/** Fixed salt: the secret is already high-entropy, the label does the separation (RFC 5869 §3.1). */
const SALT = 'meridian';

/** A 256-bit key for one purpose, derived from the server secret with HKDF-SHA256. */
export function deriveKey(secret: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, SALT, KEY_LABELS[purpose], 32));
}
