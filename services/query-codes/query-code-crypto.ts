/** Server-side query-code secrets: deriving a ticket's code and the hashes it is stored and looked up by. */
import { createHmac } from 'node:crypto';
import { deriveKey, keyRing, type Secrets } from '../../config/derived-keys';
import { MeridianError } from '../../domain/errors';
import { encodeQueryCode, normalizeQueryCode } from '../../domain/query-code';

/** Distinct messages keep the code and its stored hash unrelated under the one query-code key. */
const CODE_LABEL = 'query-code:';
const HASH_LABEL = 'query-code-hash:';

function hmac(key: Buffer, message: string): Buffer {
  return createHmac('sha256', key).update(message, 'utf8').digest();
}

/** The query-code key of the current secret (new codes and new index entries are keyed with it). */
function currentKey(secret: string): Buffer {
  // An empty key would let anyone who knows a ticket id compute its code.
  if (secret.length === 0) throw new MeridianError('INTERNAL', 'the query-code secret is empty');
  return deriveKey(secret, 'queryCode');
}

/**
 * The query code the customer receives for a ticket: the first 60 bits of HMAC-SHA256(query-code key, "query-code:" +
 * ticketId). Deterministic, so a retried intake hands out the same code without the code ever being stored in clear;
 * unpredictable without the secret, so a known ticket id does not reveal its code.
 */
export function deriveQueryCode(secret: string, ticketId: string): string {
  return encodeQueryCode(hmac(currentKey(secret), CODE_LABEL + ticketId));
}

function assertCanonical(code: string): void {
  if (normalizeQueryCode(code) !== code) {
    throw new MeridianError('VALIDATION_FAILED', 'a query code must be normalised before it is hashed');
  }
}

/**
 * What the code index stores: HMAC-SHA256(query-code key, "query-code-hash:" + code) in hex. A leaked database
 * therefore yields no usable codes. A lookup is one equality query on `_id`, which takes the same time for an unknown
 * code as for a near miss: the hash of a guess shares nothing with the hash of the real code, so unlike a
 * character-by-character comparison, response times tell an attacker nothing about how close a guess was.
 * Pass the canonical code (QueryCodeSchema's output): "mrd 7k3q…" and "MRD-7K3Q-…" must hash alike.
 */
export function hashQueryCode(secret: string, canonicalCode: string): string {
  assertCanonical(canonicalCode);
  return hmac(currentKey(secret), HASH_LABEL + canonicalCode).toString('hex');
}

/** Every hash a code may be indexed under, current key first (then the previous secret's, then pre-derivation ones). */
export function acceptedQueryCodeHashes(secrets: Secrets, canonicalCode: string): string[] {
  return queryCodeHasher(secrets).accepted(canonicalCode);
}

/** Hashes canonical codes under keys derived once (HKDF costs several times the HMAC it keys). */
export interface QueryCodeHasher {
  /** The hash under the current key: what the index stores for new codes. */
  current(canonicalCode: string): string;
  /** Every hash the code may be indexed under, current key first (see acceptedQueryCodeHashes). */
  accepted(canonicalCode: string): string[];
}

/** A hasher for one set of secrets: derives the key ring now, then only HMACs per code (a process's secrets never change). */
export function queryCodeHasher(secrets: Secrets): QueryCodeHasher {
  if (secrets.secret.length === 0) throw new MeridianError('INTERNAL', 'the query-code secret is empty');
  const ring = keyRing(secrets, 'queryCode');
  const hash = (key: Buffer, canonicalCode: string) => hmac(key, HASH_LABEL + canonicalCode).toString('hex');
  return {
    current(canonicalCode) {
      assertCanonical(canonicalCode);
      return hash(ring.current, canonicalCode);
    },
    accepted(canonicalCode) {
      assertCanonical(canonicalCode);
      return ring.accepted.map((key) => hash(key, canonicalCode));
    },
  };
}
