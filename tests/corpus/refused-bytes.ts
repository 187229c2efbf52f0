/** Refused inputs of the bad-input corpus (tests/corpus/bad-inputs.ts): bytes and characters, duplicate member names, prototype pollution. */
import { getAt, pointerOf, setAt, withRawMember, withRawStringBytes, withRawValue } from './json-text';
import { DUPLICATE, PROTO, type RefusedCase, VALIDATION, firstName, json, member, setAll, stringField, text } from './case-kit';

export const REFUSED_BYTES: readonly RefusedCase[] = [
  // --- bytes and characters ---
  {
    name: 'invalid-utf8',
    attacks: 'bytes that are not UTF-8 (a stray 0xFF, an overlong "/", an encoded surrogate, a cut-off sequence) in a string',
    body: (t) => ({ bytes: withRawStringBytes(t.valid, stringField(t), Buffer.from([0x4f, 0xff, 0x20, 0xc0, 0xaf, 0x20, 0xed, 0xa0, 0x80, 0x20, 0xe2, 0x82])) }),
    status: [400],
    detail: /not valid UTF-8/,
  },
  {
    name: 'non-utf8-charset',
    attacks: 'a body declared and encoded as UTF-16, which whatever reads it as UTF-8 on the way (proxy, WAF, log) cannot see into',
    body: (t) => ({ bytes: Buffer.from(JSON.stringify(t.valid), 'utf16le'), headers: { 'Content-Type': 'application/json; charset=utf-16le' } }),
    status: [415],
    detail: /UTF-8/,
  },
  {
    name: 'text-plain-content-type',
    attacks: 'a valid JSON body sent as text/plain (what a cross-site HTML form can post without a CORS preflight)',
    body: (t) => json(t.valid, { 'Content-Type': 'text/plain' }),
    status: [415],
    detail: /application\/json/,
  },
  {
    name: 'form-urlencoded',
    attacks: 'the body as application/x-www-form-urlencoded (another preflight-free form post)',
    body: () => text('subject=hi&customer[email]=victim%40corpus.example', { 'Content-Type': 'application/x-www-form-urlencoded' }),
    status: [415],
    detail: /application\/json/,
  },
  {
    name: 'control-characters-only',
    attacks: 'free text of nothing but NUL, BEL, DEL, C1 controls and an ANSI escape (invisible, or a terminal attack in logs)',
    body: (t) => (t.text.length ? json(setAll(t.valid, t.text.map((f) => f.path), () => '\u0000\u0007\u007f\u009b\u001b[2J\u001b]0;pwned\u0007')) : undefined),
    status: [400],
    detail: VALIDATION,
    pointers: (t) => t.text.map((f) => pointerOf(f.path)),
  },
  {
    name: 'bidi-controls-only',
    attacks: 'free text of nothing but bidi overrides and isolates (an invisible value that reorders what is shown after it)',
    body: (t) => (t.text.length ? json(setAll(t.valid, t.text.map((f) => f.path), () => '\u202e\u202d\u202e')) : undefined),
    status: [400],
    detail: VALIDATION,
    pointers: (t) => t.text.map((f) => pointerOf(f.path)),
  },
  {
    name: 'lone-surrogates-only',
    attacks: 'free text of escaped unpaired surrogates (\\udfff\\ud800): valid JSON, not text, not storable as UTF-8',
    body: (t) => (t.text.length ? text(withRawValue(t.valid, t.text[0]!.path, '"\\udfff\\ud800"')) : undefined),
    status: [400],
    detail: VALIDATION,
    pointers: (t) => [pointerOf(t.text[0]!.path)],
  },
  {
    name: 'very-long-text',
    attacks: 'a 30,000-character free-text field (every text field allows at most 20,000)',
    body: (t) => (t.text.length ? json(setAt(t.valid, t.text[0]!.path, 'Ottoline '.repeat(3_334).slice(0, 30_000))) : undefined),
    status: [400],
    detail: VALIDATION,
    pointers: (t) => [pointerOf(t.text[0]!.path)],
  },
  {
    name: 'very-long-format-field',
    attacks: 'a 30,000-character id, enum or task id',
    body: (t) => (t.strict ? json(setAt(t.valid, t.strict, 'a'.repeat(30_000))) : undefined),
    status: [400],
    detail: VALIDATION,
    pointers: (t) => [pointerOf(t.strict!)],
  },
  {
    name: 'very-long-member-name',
    attacks: 'an unknown member whose name is 30,000 characters',
    body: (t) => json({ ...t.valid, ['k'.repeat(30_000)]: 1 }),
    status: [400],
    detail: VALIDATION,
  },
  {
    name: 'control-characters-in-format-field',
    attacks: 'NUL, CR/LF and a bidi override inside an id, enum or task id (ids end up in URLs, logs and Temporal ids)',
    body: (t) => (t.strict ? json(setAt(t.valid, t.strict, `${getAt(t.valid, t.strict) as string}\u0000\r\nX-Injected: 1\u202e`)) : undefined),
    status: [400],
    detail: VALIDATION,
    pointers: (t) => [pointerOf(t.strict!)],
  },
  {
    name: 'huge-number',
    attacks: '1e400, which JSON.parse turns into Infinity',
    body: (t) => (t.numbers.length ? text(withRawValue(t.valid, t.numbers[0]!, '1e400')) : undefined),
    status: [400],
    detail: VALIDATION,
    pointers: (t) => [pointerOf(t.numbers[0]!)],
  },

  // --- duplicate member names ---
  {
    name: 'duplicate-member',
    attacks: 'the same member twice (JSON.parse keeps the last; a proxy or WAF may check the first)',
    body: (t) => text(withRawMember(t.valid, [], member(String(t.required[0]), JSON.stringify('Quarrington override')), 'last')),
    status: [400],
    detail: DUPLICATE,
  },
  {
    name: 'duplicate-nested-member',
    attacks: 'the same member twice inside a nested object',
    body: (t) => (t.nested ? text(withRawMember(t.valid, t.nested, member(firstName(t, t.nested), '"corpus-twice"'), 'last')) : undefined),
    status: [400],
    detail: DUPLICATE,
  },
  {
    name: 'duplicate-member-escaped',
    attacks: 'the same name twice, once spelled with a \\u escape (a byte-level duplicate check misses it)',
    body: (t) => {
      const name = String(t.required[0]);
      const escaped = `"\\u${name.charCodeAt(0).toString(16).padStart(4, '0')}${name.slice(1)}"`;
      return text(withRawMember(t.valid, [], `${escaped}:"Quarrington override"`, 'last'));
    },
    status: [400],
    detail: DUPLICATE,
  },

  // --- prototype pollution ---
  {
    name: 'proto-member',
    attacks: '{"__proto__": {"polluted": …}} at the top level (JSON.parse makes it an own member; a merge by assignment makes it a prototype)',
    body: (t) => text(withRawMember(t.valid, [], '"__proto__":{"polluted":"corpus-top","isAdmin":true}', 'first')),
    status: [400],
    detail: PROTO,
  },
  {
    name: 'proto-nested-member',
    attacks: '__proto__ inside a nested object',
    body: (t) => (t.nested ? text(withRawMember(t.valid, t.nested, '"__proto__":{"polluted":"corpus-nested"}', 'first')) : undefined),
    status: [400],
    detail: PROTO,
  },
  {
    name: 'proto-in-record',
    attacks: '__proto__ as a key of a free-key object (zod drops it from records without a word, so it must not get that far)',
    body: (t) => (t.record ? text(withRawMember(t.valid, t.record, '"__proto__":{"polluted":"corpus-record"}', 'first')) : undefined),
    status: [400],
    detail: PROTO,
  },
  {
    name: 'constructor-prototype',
    attacks: '{"constructor": {"prototype": {"polluted": …}}}, the other way a recursive merge reaches Object.prototype',
    body: (t) => json({ ...t.valid, constructor: { prototype: { polluted: 'corpus-constructor' } } }),
    status: [400],
    detail: VALIDATION,
    pointers: () => ['/body'],
  },

];
