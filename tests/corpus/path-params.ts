/**
 * Hostile path parameters for routes that take no body (the body corpus does not reach them): each names what it
 * attacks and the parameter whose JSON pointer the 400 problem must carry. Used by tests/api/ticket-attachments.test.ts
 * on GET /api/tickets/{id}/attachments/{sha256}.
 */
export interface PathParamCase {
  name: string;
  attacks: string;
  /** Already URL-encoded, as it goes in the path. */
  id?: string;
  sha256?: string;
  pointer: '/params/id' | '/params/sha256';
}

const HEX = 'a'.repeat(64);

export const HOSTILE_ATTACHMENT_PARAMS: readonly PathParamCase[] = [
  { name: 'traversal', attacks: 'a file path instead of a hash', sha256: encodeURIComponent('../../../etc/passwd'), pointer: '/params/sha256' },
  { name: 'nosql-operator', attacks: 'a query operator where a hash goes', sha256: encodeURIComponent('{"$ne":null}'), pointer: '/params/sha256' },
  { name: 'regex-wildcard', attacks: 'a pattern that would match any hash', sha256: encodeURIComponent('.*'), pointer: '/params/sha256' },
  { name: 'nul-byte', attacks: 'a NUL byte cutting the hash short', sha256: `${HEX.slice(0, 32)}%00${HEX.slice(0, 31)}`, pointer: '/params/sha256' },
  { name: 'upper-case-hex', attacks: 'a second spelling of one hash', sha256: HEX.toUpperCase(), pointer: '/params/sha256' },
  { name: 'short-hash', attacks: 'a prefix of a hash (63 digits)', sha256: HEX.slice(1), pointer: '/params/sha256' },
  { name: 'long-hash', attacks: 'a hash with a tail (65 digits)', sha256: `${HEX}0`, pointer: '/params/sha256' },
  { name: 'huge-parameter', attacks: '8,000 characters in one path segment', sha256: 'f'.repeat(8_000), pointer: '/params/sha256' },
  { name: 'hostile-ticket-id', attacks: 'an operator in the ticket id', id: encodeURIComponent('tkt_{"$gt":""}'), pointer: '/params/id' },
];
