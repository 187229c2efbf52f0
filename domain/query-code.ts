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
/**
 * Spaces and the dashes that phones and word processors substitute for "-". The spaces are JavaScript's `\s` spelled
 * out, so the pattern below means the same in every regex dialect that reads the OpenAPI document.
 */
const SEPARATOR_CLASS = '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff\\u002d\\u2010-\\u2015\\u2212]';
const SEPARATORS = new RegExp(`${SEPARATOR_CLASS}+`, 'g');
const CANONICAL_BODY = new RegExp(`^[${QUERY_CODE_ALPHABET}]{${QUERY_CODE_CHARS}}$`);
/** A code character as typed: any case, with the lookalikes I, L and O (everything from A to Z but U). */
const TYPED_CHAR = '[0-9A-TV-Za-tv-z]';
/**
 * What `normalizeQueryCode` accepts (with at most 64 characters), as one regex: for the OpenAPI document, so clients
 * and fuzzers know a code from a non-code without asking. tests/unit/query-code.test.ts holds the two to each other.
 */
export const QUERY_CODE_INPUT_PATTERN =
  `^${SEPARATOR_CLASS}*(?:[Mm]${SEPARATOR_CLASS}*[Rr]${SEPARATOR_CLASS}*[Dd]${SEPARATOR_CLASS}*)?(?:${TYPED_CHAR}${SEPARATOR_CLASS}*){${QUERY_CODE_CHARS}}$`;

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
  // ASCII letters only: toUpperCase() would also turn "ß" into "SS" and "ı" into "I", which nobody types for a code.
  let compact = input.replace(SEPARATORS, '').replace(/[a-z]+/g, (letters) => letters.toUpperCase());
  if (compact.length === QUERY_CODE_PREFIX.length + QUERY_CODE_CHARS) {
    if (!compact.startsWith(QUERY_CODE_PREFIX)) return null;
    compact = compact.slice(QUERY_CODE_PREFIX.length);
  }
  const body = compact.replace(/[ILO]/g, (c) => LOOKALIKES[c] ?? c);
  return CANONICAL_BODY.test(body) ? format(body) : null;
}

/** A query code from outside (URL, form, message): validates and transforms to the canonical `MRD-XXXX-XXXX-XXXX`. */
export const QueryCodeSchema = z
  .string()
  .meta({ maxLength: MAX_INPUT, pattern: QUERY_CODE_INPUT_PATTERN, description: 'A query code as the customer typed it: MRD-7K3Q-9XZP-4F2M, any case, spaces or dashes anywhere, MRD optional' })
  .transform((input, ctx) => {
    const code = normalizeQueryCode(input);
    if (code === null) {
      ctx.addIssue({ code: 'custom', message: 'not a query code (expected MRD-XXXX-XXXX-XXXX)' });
      return z.NEVER;
    }
    return code;
  });
export type QueryCode = z.output<typeof QueryCodeSchema>;
