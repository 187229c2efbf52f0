/**
 * Query codes: what a customer types or reads out to check a ticket without an account, e.g. `MRD-7K3Q-9XZP-4F2M`.
 *
 * Entropy: 12 Crockford base32 characters × 5 bits = 60 bits, about 1.15 × 10^18 codes. With a million open
 * tickets a single guess hits one with probability 10^6 / 2^60 ≈ 8.7 × 10^-13, so finding any ticket takes about
 * 5.8 × 10^11 guesses on average; rate limiting keeps that out of reach. The bits must be unpredictable: random
 * bytes or a MAC under a server secret (api/query-code-crypto.ts), never a counter or a hash of public data.
 */
import { z } from 'zod';
import { MeridianError } from './errors';

export const QUERY_CODE_PREFIX = 'MRD';
/** Crockford base32: digits and letters without I, L, O (read as 1, 1, 0) and U (no accidental obscenities). */
export const QUERY_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const QUERY_CODE_CHARS = 12;
export const QUERY_CODE_BITS = QUERY_CODE_CHARS * 5;
const GROUP = 4;
/** The longest input worth looking at: a code with generous spacing; anything longer is not a code. */
const MAX_INPUT = 64;

/** What Crockford decoding reads for letters people confuse with digits. */
const LOOKALIKES: Readonly<Record<string, string>> = { I: '1', L: '1', O: '0' };
/** Spaces and the dashes that phones and word processors substitute for "-". */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]+/gu;
const CANONICAL_BODY = new RegExp(`^[${QUERY_CODE_ALPHABET}]{${QUERY_CODE_CHARS}}$`);

function format(body: string): string {
  const groups = body.match(new RegExp(`.{${GROUP}}`, 'g')) ?? [];
  return [QUERY_CODE_PREFIX, ...groups].join('-');
}

/** Turns unpredictable bytes (≥ 8: random or a MAC) into a query code from their first 60 bits. */
export function encodeQueryCode(bytes: Uint8Array): string {
  if (bytes.length * 8 < QUERY_CODE_BITS) {
    throw new MeridianError('INTERNAL', `a query code needs ${QUERY_CODE_BITS} bits, got ${bytes.length * 8}`);
  }
  let body = '';
  let buffer = 0;
  let buffered = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte; // never more than 12 bits held, so no 32-bit overflow
    buffered += 8;
    while (buffered >= 5 && body.length < QUERY_CODE_CHARS) {
      buffered -= 5;
      body += QUERY_CODE_ALPHABET[(buffer >> buffered) & 31];
      buffer &= (1 << buffered) - 1;
    }
    if (body.length === QUERY_CODE_CHARS) break;
  }
  return format(body);
}

/**
 * The canonical form of a code as a customer typed it (any case, spaces or dashes or none, with or without `MRD`,
 * O for 0 and I or L for 1), or null when it cannot be a query code.
 */
export function normalizeQueryCode(input: string): string | null {
  if (input.length > MAX_INPUT) return null;
  let compact = input.trim().toUpperCase().replace(SEPARATORS, '');
  if (compact.length === QUERY_CODE_PREFIX.length + QUERY_CODE_CHARS) {
    if (!compact.startsWith(QUERY_CODE_PREFIX)) return null;
    compact = compact.slice(QUERY_CODE_PREFIX.length);
  }
  const body = compact.replace(/[ILO]/g, (c) => LOOKALIKES[c] ?? c);
  return CANONICAL_BODY.test(body) ? format(body) : null;
}

/** A query code from outside (URL, form, message): validates and transforms to the canonical `MRD-XXXX-XXXX-XXXX`. */
export const QueryCodeSchema = z.string().transform((input, ctx) => {
  const code = normalizeQueryCode(input);
  if (code === null) {
    ctx.addIssue({ code: 'custom', message: 'not a query code (expected MRD-XXXX-XXXX-XXXX)' });
    return z.NEVER;
  }
  return code;
});
export type QueryCode = z.output<typeof QueryCodeSchema>;
