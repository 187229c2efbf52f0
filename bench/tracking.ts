/** Tracking lookups by query code: issued, never issued, and one character away from an issued code. */
import { randomBytes } from 'node:crypto';
import { encodeQueryCode, QUERY_CODE_ALPHABET } from '../domain/query-code';
import { expectStatus, httpRequest } from './http-client';
import { runLoad, type LoadResult, type LoadShape } from './load';
import type { BenchServers } from './servers';

/** GET /api/track/{code} cycling over `codes`, expecting `status` (200 for issued codes, 404 for never-issued ones). */
export function measureTracking(s: BenchServers, shape: LoadShape, codes: string[], status: 200 | 404): Promise<LoadResult> {
  return runLoad({
    ...shape,
    task: async (i) => {
      const res = await httpRequest(s.baseUrl, 'GET', `/api/track/${codes[i % codes.length]!}`);
      expectStatus(res.status, status, res.body, 'GET /api/track/{code}');
    },
  });
}

/** Issued codes with their last character changed: a guess one keystroke away from a real ticket (never issued). */
export function nearMissCodes(codes: string[]): string[] {
  return codes.map((code) => {
    const last = code.at(-1)!;
    const replacement = QUERY_CODE_ALPHABET[(QUERY_CODE_ALPHABET.indexOf(last) + 1) % QUERY_CODE_ALPHABET.length]!;
    return code.slice(0, -1) + replacement;
  });
}

/** Well-formed query codes that were never issued (60 random bits each; a collision is a 1-in-10^15 event). */
export function unknownCodes(n: number): string[] {
  return Array.from({ length: n }, () => encodeQueryCode(randomBytes(8)));
}
