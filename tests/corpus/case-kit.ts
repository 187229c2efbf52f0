/** What the corpus cases are made of: the route facts they read, the body they send, and the helpers that build it. */
import { getAt, setAt, withRawStringBytes, type Json, type JsonObject, type Path } from './json-text';

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

export const json = (value: Json, headers?: Record<string, string>): Body => ({ bytes: Buffer.from(JSON.stringify(value)), headers });
export const text = (raw: string, headers?: Record<string, string>): Body => ({ bytes: Buffer.from(raw), headers });
export const each = <T>(paths: readonly Path[], value: (p: Path) => T) => paths.map(value);

/** `value` with every path in `paths` set to `to(path)`. */
export function setAll(value: JsonObject, paths: readonly Path[], to: (p: Path) => Json): JsonObject {
  return paths.reduce((v, p) => setAt(v, p, to(p)), value);
}

/** Each top-level value as another JSON type. */
export function otherType(v: Json): Json {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return 'true';
  if (v === null) return 'null';
  return Array.isArray(v) ? { item: v } : [v];
}

export const VALIDATION = /^invalid request body$/;
export const NOT_JSON = /not valid JSON/;
export const TOO_LARGE = /larger than \d+ kB/;
export const TOO_DEEP = /nested more than \d+ deep/;
export const DUPLICATE = /duplicate member name/;
export const PROTO = /member named "__proto__"/;
export const MB = 2 ** 20;

/** The first free-text field, else the format-checked one, else the required one: where a case puts a bad string. */
export const stringField = (t: Target): Path => t.text[0]?.path ?? t.strict ?? t.required;
/** A `"name":value` member with the JSON string `name` (escaped: `\u0073ubject` for `subject`). */
export const member = (name: string, value: string) => `${JSON.stringify(name)}:${value}`;
/** The first member name of the object at `path`. */
export const firstName = (t: Target, path: Path) => Object.keys(getAt(t.valid, path) as JsonObject)[0]!;
/** A string of `bytes` bytes of JSON text nested `depth` deep: `[[[…]]]`. */
export const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
export const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '0' + '}'.repeat(depth);
/** A JSON body of about `size` bytes: the valid body with one string field grown to that size. */
export const bigBody = (t: Target, size: number) => withRawStringBytes(t.valid, t.required, Buffer.alloc(size, 'A'));

export const CRLF_BCC = 'victim@corpus.example\r\nBcc: spy@attacker.example';
