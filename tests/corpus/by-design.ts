import { TOO_LARGE, type Body, type RefusedCase } from './case-kit';

/** What the corpus expects otherwise of some routes, on purpose: each entry says why. */

/**
 * Routes whose body is a platform's signed payload, not a document Meridian defines: the signature is checked over
 * the raw bytes before anything is read, so every unsigned corpus case would be the same 401, and a signed payload may
 * carry fields Meridian does not know (platforms add them without notice). Their bad input (forged, missing, wrong
 * shape, too large) is tested with each platform's own payloads in tests/channels/.
 */
export const SIGNED_PAYLOAD_ROUTES: Record<string, string> = {
  'POST /api/channels/{channelId}/webhook': 'tests/channels/whatsapp-inbound.test.ts, tests/channels/platforms-inbound.test.ts',
};

/** Refused cases a route answers with another 4xx by design: the status, and why. */
export const REFUSED_OTHERWISE_BY_DESIGN: Record<string, Record<string, { status: number; detail: RegExp; pointers: string[]; why: string }>> = {
  'POST /api/surveys/{token}': {
    'form-urlencoded': { status: 400, detail: /invalid request body/, pointers: ['/body/score'], why: 'the rating page posts its form urlencoded, so a form body is read (this one has no score: 400 with its pointer)' },
  },
  'PATCH /api/customers/{id}': {
    'empty-object': { status: 400, detail: /invalid request body/, pointers: ['/body'], why: 'every field of a change is optional: an empty change lacks no field, the body as a whole names nothing to change' },
  },
};

export const ACCEPTED_BY_DESIGN: Record<string, Record<string, string>> = Object.fromEntries(
  ['POST /codec/decode', 'POST /codec/encode'].map((route) => [
    route,
    {
      'unknown-nested-field':
        'a codec payload is not strict: newer Temporal servers and UIs add proto fields, and the codec drops what it does not use (api/codec/codec.schema.ts); it stores nothing',
      'very-long-format-field': 'payload data is base64 of any length (30,000 "a" is valid base64); the body limit bounds it',
    },
  ]),
);

/**
 * What the corpus expects of a refused case on a route: the route's answer by design, else a 413 for a body over the
 * route's own limit (the cases are sized for the 64 kB one; web chat takes 20 kB and refuses the larger ones unread),
 * else the case's own answer.
 */
export function expectedAnswer(route: string, c: RefusedCase, limitBytes: number, body: Body): RefusedCase {
  const otherwise = REFUSED_OTHERWISE_BY_DESIGN[route]?.[c.name];
  if (otherwise) return { ...c, status: [otherwise.status], detail: otherwise.detail, pointers: () => otherwise.pointers };
  const overLimit = !body.headers?.['Content-Encoding'] && body.bytes.length > limitBytes;
  return overLimit ? { ...c, status: [413], detail: TOO_LARGE, pointers: () => [] } : c;
}
