import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import express from 'express';
import { MeridianError } from '../../domain/errors';

const ENCODINGS = 'gzip, deflate or br';
const JSON_TYPES = ['application/json', 'application/*+json'];

/** How deep objects and arrays may nest in a body: the deepest body the API takes (a department's shift spans) needs 7. */
export const MAX_JSON_DEPTH = 32;

/** The index of the quote that closes the string whose content starts at `from` (the text's length if none does). */
function stringEnd(text: string, from: number): number {
  for (let end = text.indexOf('"', from); end !== -1; end = text.indexOf('"', end + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return end;
  }
  return text.length;
}

/**
 * Why a JSON text is refused before JSON.parse reads it, or undefined: a member name twice in one object (JSON.parse
 * keeps the last, so whatever checked the first, a proxy or a log reader, saw another body), a member named
 * `__proto__` (an own member after JSON.parse, a prototype for any code that copies it by assignment), or nesting
 * deeper than MAX_JSON_DEPTH (a 4 MB codec body of brackets takes JSON.parse a second). One pass over the text; what
 * is not valid JSON is left for JSON.parse to refuse.
 */
export function jsonTextProblem(text: string): string | undefined {
  const open: Array<Set<string> | null> = []; // per open container: the member names seen (objects) or null (arrays)
  let expectName = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i + 1);
      const names = open[open.length - 1];
      if (expectName && names) {
        const raw = text.slice(i + 1, end);
        let name = raw;
        if (raw.includes('\\')) {
          try {
            name = JSON.parse(`"${raw}"`) as string;
          } catch {
            return undefined; // not a JSON string: JSON.parse says so
          }
        }
        const shown = JSON.stringify(name.slice(0, 40));
        if (name === '__proto__') return 'a member named "__proto__" is not accepted';
        if (names.has(name)) return `duplicate member name ${shown}: send each member once`;
        names.add(name);
        expectName = false;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (open.length === MAX_JSON_DEPTH) return `objects and arrays nested more than ${MAX_JSON_DEPTH} deep`;
      open.push(c === 0x7b ? new Set() : null);
      expectName = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      open.pop();
      expectName = false;
    } else if (c === 0x2c) {
      expectName = open[open.length - 1] != null;
    }
  }
  return undefined;
}

/**
 * The body parser's check of the raw (decompressed) bytes before they are decoded: UTF-8 only (RFC 8259 §8.1; another
 * charset hides the body from whatever reads it as UTF-8 on the way, and invalid bytes would be stored as U+FFFD),
 * then jsonTextProblem. Throws a MeridianError, which the problem handler answers as it is.
 */
function verifyJsonText(_req: IncomingMessage, _res: unknown, bytes: Buffer, charset: string): void {
  if (charset !== 'utf-8') throw new MeridianError('UNSUPPORTED_MEDIA_TYPE', `send JSON as UTF-8 (charset "${charset.slice(0, 40)}" is not accepted)`);
  if (!isUtf8(bytes)) throw new MeridianError('VALIDATION_FAILED', 'the request body is not valid UTF-8');
  const problem = jsonTextProblem(bytes.toString('utf8'));
  if (problem) throw new MeridianError('VALIDATION_FAILED', `the request body is refused: ${problem}`);
}

/** Express's JSON parser with Meridian's checks (verifyJsonText), up to `limit` decompressed bytes (gzip, deflate, br). */
export function jsonParser(limit: string): express.RequestHandler {
  return express.json({ limit, type: JSON_TYPES, verify: verifyJsonText });
}

/**
 * A body-parser failure in the caller's terms. raw-body tags each of its own failures with a `type`; an untyped 400
 * on a compressed body is the decompression stream's error: the bytes are not valid data in that encoding.
 */
function bodyError(err: unknown, contentEncoding: string): unknown {
  const { type, status } = (err ?? {}) as { type?: unknown; status?: unknown };
  if (type === 'encoding.unsupported') {
    const named = contentEncoding.slice(0, 40); // echo the header, not kilobytes of it
    return new MeridianError('UNSUPPORTED_MEDIA_TYPE', `unsupported Content-Encoding "${named}": send the body as is or as ${ENCODINGS}`);
  }
  if (contentEncoding !== 'identity' && type === undefined && status === 400) {
    return new MeridianError('VALIDATION_FAILED', `the request body is not valid ${contentEncoding} data (Content-Encoding: ${contentEncoding})`);
  }
  return err;
}

/** Parses JSON bodies up to `limit` (64 kB unless said) once decompressed (gzip, deflate, br); a body that does not decompress is a 400. */
export function jsonBody(limit = '64kb'): express.RequestHandler {
  const parse = jsonParser(limit);
  return (req, res, next) => {
    parse(req, res, (err?: unknown) => {
      if (err === undefined) return next();
      next(bodyError(err, (req.get('content-encoding') ?? 'identity').trim().toLowerCase()));
    });
  };
}
