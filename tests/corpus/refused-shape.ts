/** Refused inputs of the bad-input corpus (tests/corpus/bad-inputs.ts): the shape of the body, its size and depth. */
import zlib from 'node:zlib';
import { getAt, mapLeaves, pointerOf, setAt, withRawMember, withRawValue, type JsonObject } from './json-text';
import { MB, NOT_JSON, type RefusedCase, TOO_DEEP, TOO_LARGE, VALIDATION, bigBody, json, member, nestedArrays, nestedObjects, otherType, text } from './case-kit';

export const REFUSED_SHAPE: readonly RefusedCase[] = [
  // --- the shape of the body ---
  {
    name: 'top-level-array',
    attacks: 'a body that is an array of valid bodies (batch confusion)',
    body: (t) => json([t.valid, t.valid]),
    status: [400],
    detail: VALIDATION,
    pointers: () => ['/body'],
  },
  {
    name: 'top-level-scalar',
    attacks: 'a body that is a bare JSON string (JSON.parse accepts it, the strict parser must not)',
    body: () => text('"subject"'),
    status: [400],
    detail: NOT_JSON,
  },
  {
    name: 'top-level-null',
    attacks: 'a body that is JSON null (a handler reading fields off it would throw a 500)',
    body: () => text('null'),
    status: [400],
    detail: NOT_JSON,
  },
  {
    name: 'empty-body',
    attacks: 'Content-Type: application/json with no bytes (parsed as {} by the body parser)',
    body: () => text(''),
    status: [400],
    detail: VALIDATION,
  },
  {
    name: 'empty-object',
    attacks: 'every field missing',
    body: () => json({}),
    status: [400],
    detail: VALIDATION,
    pointers: (t) => [pointerOf(t.required)],
  },
  {
    name: 'missing-required-field',
    attacks: 'a valid body without one required field',
    body: (t) => json(setAt(t.valid, t.required, undefined)),
    status: [400],
    detail: VALIDATION,
    pointers: (t) => [pointerOf(t.required)],
  },
  {
    name: 'every-field-wrong-type',
    attacks: 'each top-level field as another JSON type (string as number, object as array, …)',
    body: (t) => json(Object.fromEntries(Object.entries(t.valid).map(([k, v]) => [k, otherType(v)]))),
    status: [400],
    detail: VALIDATION,
    pointers: (t) => Object.keys(t.valid).map((k) => pointerOf([k])),
  },
  {
    name: 'every-leaf-wrong-type',
    attacks: 'every nested string as a number and every number or boolean as a string',
    body: (t) => json(mapLeaves(t.valid, (v) => (typeof v === 'string' ? 12345 : String(v)))),
    status: [400],
    detail: VALIDATION,
  },
  {
    name: 'nulls-everywhere',
    attacks: 'each top-level field null (optional is not nullable)',
    body: (t) => json(Object.fromEntries(Object.keys(t.valid).map((k) => [k, null]))),
    status: [400],
    detail: VALIDATION,
    pointers: (t) => Object.keys(t.valid).map((k) => pointerOf([k])),
  },
  {
    name: 'unknown-top-level-field',
    attacks: 'an extra field a lax schema would ignore or, worse, store',
    body: (t) => json({ ...t.valid, isAdmin: true }),
    status: [400],
    detail: VALIDATION,
    pointers: () => ['/body'],
  },
  {
    name: 'unknown-nested-field',
    attacks: 'an extra field inside a nested object (`customer.tier`, a member’s `role`)',
    body: (t) => (t.nested ? json(setAt(t.valid, t.nested, { ...(getAt(t.valid, t.nested) as JsonObject), tier: 'vip', role: 'admin' })) : undefined),
    status: [400],
    detail: VALIDATION,
    pointers: (t) => [pointerOf(t.nested!)],
  },
  {
    name: 'server-owned-fields',
    attacks: 'mass assignment: fields the server sets (`_id`, `version`, `status`, `priority`, `createdBy`, `hash`)',
    body: (t) => json({ ...t.valid, _id: 'corpus-owned', version: 99, status: 'resolved', priority: 'urgent', createdBy: 'root', hash: '00' }),
    status: [400],
    detail: VALIDATION,
  },
  {
    name: 'json-syntax-error',
    attacks: 'JSON5-isms: a trailing comma and a comment',
    body: (t) => text(JSON.stringify(t.valid).replace(/}$/, ', /* x */ }')),
    status: [400],
    detail: NOT_JSON,
  },

  // --- size and depth ---
  {
    name: 'body-10-mb',
    attacks: 'a 10 MB body with its Content-Length (memory and time before any check)',
    body: (t) => ({ bytes: bigBody(t, 10 * MB) }),
    status: [413],
    detail: TOO_LARGE,
  },
  {
    name: 'body-10-mb-chunked',
    attacks: 'a 10 MB body without Content-Length (Transfer-Encoding: chunked), so no up-front length check can refuse it',
    body: (t) => ({ bytes: bigBody(t, 10 * MB), chunked: true }),
    status: [413],
    detail: TOO_LARGE,
  },
  {
    name: 'gzip-bomb',
    attacks: '10 MB of JSON gzipped to about 10 kB: the limit must count decompressed bytes',
    body: (t) => ({ bytes: zlib.gzipSync(bigBody(t, 10 * MB)), headers: { 'Content-Encoding': 'gzip' } }),
    status: [413],
    detail: TOO_LARGE,
  },
  {
    name: 'deep-arrays-in-field',
    attacks: 'a field whose value is 30,000 nested arrays (recursive parsers and validators overflow their stack)',
    body: (t) => text(withRawValue(t.valid, t.required, nestedArrays(30_000))),
    status: [400],
    detail: TOO_DEEP,
  },
  {
    name: 'deep-objects-unknown-field',
    attacks: '6,000 nested objects under a field the schema does not know',
    body: (t) => text(withRawMember(t.valid, [], member('extra', nestedObjects(6_000)), 'last')),
    status: [400],
    detail: TOO_DEEP,
  },
  {
    name: 'deep-arrays-2-mb',
    attacks: 'a 2 MB body of nothing but nested arrays: a 413 where the limit is 64 kB, and where it is larger (codec) no seconds of parsing',
    body: () => text(nestedArrays(MB)),
    status: [400, 413],
    detail: new RegExp(`${TOO_LARGE.source}|${TOO_DEEP.source}`),
  },

];
