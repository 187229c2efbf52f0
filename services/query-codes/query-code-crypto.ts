/** Server-side query-code secrets: deriving a ticket's code and the hash it is stored and looked up by. */
import { createHmac } from 'node:crypto';
import { MeridianError } from '../../domain/errors';
import { encodeQueryCode, normalizeQueryCode } from '../../domain/query-code';

/** Distinct labels keep the code and its stored hash unrelated even under one secret. */
const CODE_LABEL = 'query-code:';
const HASH_LABEL = 'query-code-hash:';

function hmac(secret: string, message: string): Buffer {
  // An empty key would let anyone who knows a ticket id compute its code.
  if (secret.length === 0) throw new MeridianError('INTERNAL', 'the query-code secret is empty');
  return createHmac('sha256', secret).update(message, 'utf8').digest();
}

/**
 * The query code the customer receives for a ticket: the first 60 bits of HMAC-SHA256(secret, "query-code:" +
 * ticketId). Deterministic, so a retried intake hands out the same code without the code ever being stored in clear;
 * unpredictable without the secret, so a known ticket id does not reveal its code.
 */
export function deriveQueryCode(secret: string, ticketId: string): string {
  return encodeQueryCode(hmac(secret, CODE_LABEL + ticketId));
}

/**
 * What tickets store and are looked up by: HMAC-SHA256(secret, "query-code-hash:" + code) in hex. A leaked database
 * therefore yields no usable codes. A lookup is one equality query on an indexed field, which takes the same time for
 * an unknown code as for a near miss: the hash of a guess shares nothing with the hash of the real code, so unlike a
 * character-by-character comparison, response times tell an attacker nothing about how close a guess was.
 * Pass the canonical code (QueryCodeSchema's output): "mrd 7k3q…" and "MRD-7K3Q-…" must hash alike.
 */
export function hashQueryCode(secret: string, canonicalCode: string): string {
  if (normalizeQueryCode(canonicalCode) !== canonicalCode) {
    throw new MeridianError('VALIDATION_FAILED', 'a query code must be normalised before it is hashed');
  }
  return hmac(secret, HASH_LABEL + canonicalCode).toString('hex');
}
