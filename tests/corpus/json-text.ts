/** Building request bodies for the bad-input corpus: JSON values by path, and JSON text with what JSON.stringify cannot write. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
/** Where a value sits in a body: `['customer', 'email']`, `['members', 0, 'name']`. */
export type Path = ReadonlyArray<string | number>;

/** The JSON pointer the API answers with for a body path: `/body/customer/email`. */
export function pointerOf(path: Path): string {
  return ['/body', ...path.map(String)].join('/');
}

export function getAt(value: Json, path: Path): Json {
  let here: Json = value;
  for (const key of path) {
    if (here === null || typeof here !== 'object') throw new Error(`no value at ${pointerOf(path)}`);
    here = (here as Record<string | number, Json>)[key] as Json;
    if (here === undefined) throw new Error(`no value at ${pointerOf(path)}`);
  }
  return here;
}

/** A copy of `value` with `path` set to `replacement` (or removed when `replacement` is undefined). */
export function setAt(value: JsonObject, path: Path, replacement: Json | undefined): JsonObject {
  const copy = structuredClone(value);
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

/** A copy of `value` with every leaf (string, number, boolean, null) replaced by `leaf(it)`. */
export function mapLeaves(value: Json, leaf: (v: string | number | boolean | null) => Json): Json {
  if (Array.isArray(value)) return value.map((v) => mapLeaves(v, leaf));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapLeaves(v, leaf)]));
  return leaf(value);
}

const MARKER = 'corpus-marker-7f3a';

/**
 * The JSON text of `value` with `rawMember` (JSON text such as `"a":1`, written as is) added to the object at `path`,
 * first or last. This is how a body gets what a JS object cannot hold: the same name twice, a `__proto__` member.
 */
export function withRawMember(value: JsonObject, path: Path, rawMember: string, position: 'first' | 'last'): string {
  const target = getAt(value, path);
  if (target === null || typeof target !== 'object' || Array.isArray(target)) throw new Error(`${pointerOf(path)} is not an object`);
  const marked = position === 'first' ? { [MARKER]: 0, ...target } : { ...target, [MARKER]: 0 };
  const text = path.length === 0 ? JSON.stringify(marked) : JSON.stringify(setAt(value, path, marked));
  return text.replace(`"${MARKER}":0`, rawMember);
}

/** The UTF-8 bytes of `value` with the string at `path` replaced by raw bytes (inside its quotes). */
export function withRawStringBytes(value: JsonObject, path: Path, bytes: Buffer): Buffer {
  const [before, after] = JSON.stringify(setAt(value, path, MARKER)).split(MARKER) as [string, string];
  return Buffer.concat([Buffer.from(before), bytes, Buffer.from(after)]);
}

/** The JSON text of `value` with the value at `path` replaced by raw JSON text (`1e400`, a deep nest). */
export function withRawValue(value: JsonObject, path: Path, rawValue: string): string {
  return JSON.stringify(setAt(value, path, MARKER)).replace(`"${MARKER}"`, rawValue);
}
