/** Refused inputs of the bad-input corpus (tests/corpus/bad-inputs.ts): NoSQL operator injection and header injection in e-mail fields. */
import { mapLeaves, pointerOf, setAt } from './json-text';
import { CRLF_BCC, type RefusedCase, VALIDATION, each, json, setAll } from './case-kit';

export const REFUSED_INJECTION: readonly RefusedCase[] = [
  // --- NoSQL operator injection ---
  {
    name: 'nosql-operators-in-every-field',
    attacks: 'every string as {"$gt": ""} (a query built from the body would match every record)',
    body: (t) => json(mapLeaves(t.valid, (v) => (typeof v === 'string' ? { $gt: '' } : v))),
    status: [400],
    detail: VALIDATION,
  },
  {
    name: 'nosql-ne-in-lookup-field',
    attacks: '{"$ne": null} where the server looks records up (the e-mail that finds a customer, an id)',
    body: (t) => json(setAt(t.valid, t.emails[0] ?? t.strict ?? t.required, { $ne: null })),
    status: [400],
    detail: VALIDATION,
    pointers: (t) => [pointerOf(t.emails[0] ?? t.strict ?? t.required)],
  },
  {
    name: 'nosql-regex-in-lookup-field',
    attacks: '{"$regex": ".*"} where the server looks records up',
    body: (t) => json(setAt(t.valid, t.emails[0] ?? t.strict ?? t.required, { $regex: '.*', $options: 'si' })),
    status: [400],
    detail: VALIDATION,
    pointers: (t) => [pointerOf(t.emails[0] ?? t.strict ?? t.required)],
  },
  {
    name: 'nosql-where',
    attacks: 'a top-level $where with JavaScript (server-side code in a filter)',
    body: (t) => json({ ...t.valid, $where: 'function () { sleep(5000); return true; }' }),
    status: [400],
    detail: VALIDATION,
    pointers: () => ['/body'],
  },
  {
    name: 'nosql-dotted-and-dollar-names',
    attacks: 'member names that are update paths and operators ("customer.email", "$set")',
    body: (t) => json({ ...t.valid, 'customer.email': 'spy@attacker.example', $set: { role: 'admin' } }),
    status: [400],
    detail: VALIDATION,
  },

  // --- header injection in e-mail fields ---
  ...(
    [
      ['email-crlf-bcc', 'CR LF and a Bcc header after the address', CRLF_BCC],
      ['email-lf-bcc', 'a bare LF and a Bcc header', 'victim@corpus.example\nBcc: spy@attacker.example'],
      ['email-cr-only', 'a bare CR (some mail stacks end a header line on it)', 'victim@corpus.example\rBcc: spy@attacker.example'],
      ['email-percent-encoded-crlf', 'CR LF percent-encoded (decoded by a careless URL or form layer)', 'victim@corpus.example%0d%0abcc:spy@attacker.example'],
      ['email-unicode-line-break', 'U+2028 and U+0085 line breaks before a Bcc header', 'victim@corpus.example\u2028\u0085Bcc: spy@attacker.example'],
      ['email-nul', 'a NUL between two addresses (C string truncation)', 'victim@corpus.example\u0000spy@attacker.example'],
      ['email-address-list', 'two addresses in one field', 'victim@corpus.example, spy@attacker.example'],
      ['email-display-name', 'a display name with angle brackets (a second recipient or header in the name)', '"Victim\r\nBcc: spy@attacker.example" <victim@corpus.example>'],
    ] as const
  ).map(
    ([name, how, address]): RefusedCase => ({
      name,
      attacks: `header injection in every e-mail field: ${how}`,
      body: (t) => (t.emails.length ? json(setAll(t.valid, t.emails, () => address)) : undefined),
      status: [400],
      detail: VALIDATION,
      pointers: (t) => each(t.emails, pointerOf),
    }),
  ),
];
