/**
 * The bad-input corpus: hostile request bodies, each with its name and what it attacks, sent to every route that takes
 * a body (tests/api/bad-input-corpus.test.ts). A case builds its body from what the route's recipe says about it (a
 * valid body and where its free text, e-mail, format-checked and nested fields are); a case that needs a kind of field
 * the route does not have does not apply to it.
 *
 * Refused cases must be answered with a 4xx problem that says what is wrong, store nothing and log no personal data.
 * Sanitised cases are inputs the product accepts by design (free text keeps every script, RTL text and implicit
 * direction marks; it loses control characters, bidi overrides, and in one-line fields line breaks and explicit
 * embeddings, see domain/text.ts): there the stored value must be the cleaned one.
 */
import zlib from 'node:zlib';
import { getAt, mapLeaves, pointerOf, setAt, withRawMember, withRawStringBytes, withRawValue, type Json, type JsonObject, type Path } from './json-text';

/** What the corpus knows about one body route (see tests/corpus/body-routes.ts). */
export interface Target {
  /** A body the route accepts, with distinctive personal data in it (names, e-mail, phone, message text). */
  valid: JsonObject;
  /** A field every valid body has (removed by `missing-required-field`). */
  required: Path;
  /** Free-text fields: cleaned of control characters (domain/text.ts), one-line or multi-line. */
  text: ReadonlyArray<{ path: Path; lines: 'single' | 'multi' }>;
  /** E-mail address fields. */
  emails: readonly Path[];
  /** A string with a fixed format (an id, enum value, task id), if the body has one. */
  strict?: Path;
  /** An object inside the body, if it has one. */
  nested?: Path;
  /** An object with free keys (a record: metadata, keywords by language), if the body has one. */
  record?: Path;
  /** Number fields. */
  numbers: readonly Path[];
  /** The route's body limit in bytes, once decompressed. */
  limitBytes: number;
}

/** The bytes to send and how: Content-Type defaults to application/json. */
export interface Body {
  bytes: Buffer;
  headers?: Record<string, string>;
  /** Send without Content-Length (Transfer-Encoding: chunked). */
  chunked?: boolean;
}

export interface RefusedCase {
  name: string;
  attacks: string;
  /** The body for this route, or undefined when the route has no field of the kind this case attacks. */
  body(t: Target): Body | undefined;
  /** The statuses that are right (a body over the limit is a 413 on one route and a 400 on a route with a larger limit). */
  status: readonly number[];
  /** What the problem's `detail` must say. */
  detail: RegExp;
  /** Pointers the problem's `errors` must include (field errors only). */
  pointers?(t: Target): string[];
}

export interface SanitisedCase {
  name: string;
  attacks: string;
  /** Why accepting it is right. */
  why: string;
  /** Written into every free-text field of the route. */
  input: string;
  /** What must be stored, by kind of field. */
  stored: { single: string; multi: string };
}

const json = (value: Json, headers?: Record<string, string>): Body => ({ bytes: Buffer.from(JSON.stringify(value)), headers });
const text = (raw: string, headers?: Record<string, string>): Body => ({ bytes: Buffer.from(raw), headers });
const each = <T>(paths: readonly Path[], value: (p: Path) => T) => paths.map(value);

/** `value` with every path in `paths` set to `to(path)`. */
function setAll(value: JsonObject, paths: readonly Path[], to: (p: Path) => Json): JsonObject {
  return paths.reduce((v, p) => setAt(v, p, to(p)), value);
}

/** Each top-level value as another JSON type. */
function otherType(v: Json): Json {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return 'true';
  if (v === null) return 'null';
  return Array.isArray(v) ? { item: v } : [v];
}

const VALIDATION = /^invalid request body$/;
const NOT_JSON = /not valid JSON/;
const TOO_LARGE = /larger than \d+ kB/;
const TOO_DEEP = /nested more than \d+ deep/;
const DUPLICATE = /duplicate member name/;
const PROTO = /member named "__proto__"/;
const MB = 2 ** 20;

/** The first free-text field, else the format-checked one, else the required one: where a case puts a bad string. */
const stringField = (t: Target): Path => t.text[0]?.path ?? t.strict ?? t.required;
/** A `"name":value` member with the JSON string `name` (escaped: `\u0073ubject` for `subject`). */
const member = (name: string, value: string) => `${JSON.stringify(name)}:${value}`;
/** The first member name of the object at `path`. */
const firstName = (t: Target, path: Path) => Object.keys(getAt(t.valid, path) as JsonObject)[0]!;
/** A string of `bytes` bytes of JSON text nested `depth` deep: `[[[…]]]`. */
const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '0' + '}'.repeat(depth);
/** A JSON body of about `size` bytes: the valid body with one string field grown to that size. */
const bigBody = (t: Target, size: number) => withRawStringBytes(t.valid, t.required, Buffer.alloc(size, 'A'));

const CRLF_BCC = 'victim@corpus.example\r\nBcc: spy@attacker.example';

/** Refused inputs: every one a 4xx problem, nothing stored, nothing personal logged. */
export const REFUSED: readonly RefusedCase[] = [
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

/** Accepted by design, stored cleaned (domain/text.ts). */
export const SANITISED: readonly SanitisedCase[] = [
  {
    name: 'control-characters-inside-text',
    attacks: 'NUL, BEL, DEL and ANSI colour codes between words',
    why: 'free text keeps what a person wrote and loses the control characters around it (domain/text.ts); refusing the whole message would lose the customer’s words',
    input: 'Ottoline\u0000 wrote \u001b[31mthis\u001b[0m\u0007 note\u007f',
    stored: { single: 'Ottoline wrote this note', multi: 'Ottoline wrote this note' },
  },
  {
    name: 'bidi-inside-text',
    attacks: 'a bidi override (“Trojan Source”: invoice‮fdp.exe) beside Arabic and Hebrew with isolates and an RLM',
    why: 'RTL scripts and implicit marks are text (README, domain/text.ts); overrides are removed everywhere, explicit isolates only from one-line fields',
    input: 'invoice\u202efdp.exe مرحبا \u2067שלום\u2069 \u200f!',
    stored: { single: 'invoicefdp.exe مرحبا שלום \u200f!', multi: 'invoicefdp.exe مرحبا \u2067שלום\u2069 \u200f!' },
  },
  {
    name: 'header-injection-in-text',
    attacks: 'CR LF and a Bcc header in a name, subject or message that ends up in a mail',
    why: 'a line break is text in a message and a space in a one-line field; no text field is ever a mail header line (the SMTP catcher is checked)',
    input: 'Ottoline Quarrington\r\nBcc: spy@attacker.example',
    stored: { single: 'Ottoline Quarrington Bcc: spy@attacker.example', multi: 'Ottoline Quarrington\nBcc: spy@attacker.example' },
  },
];

/** Personal data the corpus and the recipes send: none of it may appear in a log line. */
export const PERSONAL_DATA = ['ottoline', 'quarrington', 'victim@corpus.example', 'spy@attacker.example', 'attacker.example', '+4915112345678', 'brass telescope', 'quillfeather'];
