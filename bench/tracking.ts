/** Tracking lookups by query code: issued, never issued, and one character away from an issued code. */
import { randomBytes } from 'node:crypto';
import { encodeQueryCode, QUERY_CODE_ALPHABET } from '../domain/query-code';
import { expectStatus, httpRequest } from './http-client';

/** What a lookup is of: an issued code, a never-issued one, or an issued code with its last character changed. */
export const TRACKING_KINDS = ['issued', 'unknown', 'nearMiss'] as const;
export type TrackingKind = (typeof TRACKING_KINDS)[number];

/** The answer each kind must get. */
export const TRACKING_STATUS: Record<TrackingKind, 200 | 404> = { issued: 200, unknown: 404, nearMiss: 404 };

/** GET /api/track/{code} on `baseUrl`; throws unless the answer has `status`. */
export async function lookUp(baseUrl: string, code: string, status: 200 | 404): Promise<void> {
  const res = await httpRequest(baseUrl, 'GET', `/api/track/${code}`);
  expectStatus(res.status, status, res.body, 'GET /api/track/{code}');
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

/** The codes of each kind for a run: the issued ones, as many never-issued ones, and their near misses. */
export function trackingCodes(issued: string[]): Record<TrackingKind, string[]> {
  return { issued, unknown: unknownCodes(issued.length), nearMiss: nearMissCodes(issued) };
}
