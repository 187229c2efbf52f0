/** What the corpus expects otherwise of some routes, on purpose: each entry says why. */

/** Refused cases a route answers with another 4xx by design: the status, and why. */
export const REFUSED_OTHERWISE_BY_DESIGN: Record<string, Record<string, { status: number; detail: RegExp; why: string }>> = {
  'POST /api/surveys/{token}': {
    'form-urlencoded': { status: 400, detail: /invalid request body/, why: 'the rating page posts its form urlencoded, so a form body is read (this one has no score: 400 with its pointer)' },
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
