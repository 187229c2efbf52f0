/**
 * Free text from people (subjects, names, titles, descriptions, messages): control characters out, every script,
 * emoji and combining mark in. One place, used by every body schema, so no field can be filled with invisible bytes.
 */
import { z } from 'zod';

/**
 * ECMA-48 escape sequences removed whole, so `\u001b[31m` leaves nothing rather than "[31m": CSI (colours, cursor
 * moves), terminated control strings (OSC window titles and links, DCS, SOS, PM, APC), and two-byte escapes. An
 * unterminated control string loses only its introducer (below), never the text after it.
 */
const ESCAPE_SEQUENCES = new RegExp(
  [
    '(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]',
    '(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d-\\u009f])[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)',
    '\\u001b[\\u0020-\\u002f]*[\\u0030-\\u007e]',
  ].join('|'),
  'g',
);
/** C0 and C1 controls and DEL, except tab and line feed (multi-line text keeps those). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Unpaired surrogate halves (not text, and not storable as UTF-8), the byte-order mark and the non-characters U+FFFE/F. */
const NOT_TEXT = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufeff\ufffe\uffff]/g;
const LINE_BREAKS = /\r\n?|\u0085/g;
const ONE_LINE_BREAKS = /[\t\n\r\u0085\u2028\u2029]+/g;
/**
 * Explicit bidi formatting. Overrides (LRO U+202D, RLO U+202E) show characters in the reverse of their own order, the
 * "Trojan Source" trick (`invoice‮fdp.exe`); they have no use in a support text. Embeddings and isolates (U+202A–C,
 * U+2066–9) only nest directions: long texts keep them (mixed Arabic or Hebrew and Latin paragraphs use them, and
 * their effect ends with the paragraph), one-line texts lose them too: names and subjects are shown inline beside
 * labels, amounts and ids, where an unclosed one would reorder what follows. Implicit marks (LRM, RLM, ALM) stay
 * everywhere: they cannot reorder neighbouring text.
 */
const BIDI_OVERRIDES = /[\u202d\u202e]/g;
const BIDI_EXPLICIT = /[\u202a-\u202e\u2066-\u2069]/g;
/** Something a reader can see: a letter, digit, punctuation mark or symbol (emoji included). */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

function withoutControls(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(NOT_TEXT, '');
}

/** A one-line text as stored: escapes and controls removed, line breaks and tabs as one space, no explicit bidi. */
export function cleanSingleLine(text: string): string {
  return withoutControls(text).replace(ONE_LINE_BREAKS, ' ').replace(CONTROLS, '').replace(BIDI_EXPLICIT, '').trim();
}

/** A multi-line text as stored: escapes and controls removed, line breaks as \n, tabs kept, no bidi overrides. */
export function cleanMultiLine(text: string): string {
  return withoutControls(text).replace(LINE_BREAKS, '\n').replace(CONTROLS, '').replace(BIDI_OVERRIDES, '').trim();
}

const EMPTY = 'must contain visible text (control characters are removed)';

/** Characters as people (and JSON Schema's maxLength) count them: an emoji is one, not two UTF-16 units. */
function characters(text: string): number {
  let count = 0;
  for (const _char of text) count += 1;
  return count;
}

/**
 * The OpenAPI document says what the input must be: at most `max` characters, at least one of them visible. Only a
 * text whose every visible character sits inside an escape sequence passes that and is still refused, by the check
 * after cleaning (a JSON Schema pattern cannot follow the removal of escape sequences).
 */
function freeText(clean: (text: string) => string, max: number) {
  return z
    .string()
    .refine((text) => characters(text) <= max, { message: `Too big: expected string to have <=${max} characters`, abort: true })
    .regex(VISIBLE, EMPTY)
    .meta({ maxLength: max })
    .transform(clean)
    .pipe(z.string().regex(VISIBLE, EMPTY));
}

/** A name, subject, title, skill or keyword of at most `max` characters (see cleanSingleLine). */
export function singleLineText(max: number) {
  return freeText(cleanSingleLine, max);
}

/** A description or message body of at most `max` characters (see cleanMultiLine). */
export function multiLineText(max: number) {
  return freeText(cleanMultiLine, max);
}
