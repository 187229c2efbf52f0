/**
 * Outbound text limits per platform and a splitter that keeps each part readable: it cuts at a paragraph, else a
 * line, a sentence, a space, a word (Thai and CJK have no spaces: ICU's word segmenter), else between graphemes, so
 * an emoji with joiners or a letter with its marks is never torn, and never inside a surrogate pair.
 *
 * Limits are counted conservatively: LINE counts UTF-16 code units (developers.line.biz "Character counting in a
 * text"); Telegram (4096 "characters"), WhatsApp (4096) and Messenger (2000) are counted the same way, which is never
 * fewer than their count; Instagram's limit is 1000 UTF-8 bytes (Instagram messaging "Send a Message").
 *
 * Intl.Segmenter follows the ICU data of the running Node: call this from an activity or the API, not from workflow
 * code, so a Node upgrade cannot change a replayed workflow's decisions.
 */
import type { Channel } from './channel';

export interface TextLimit {
  max: number;
  unit: 'utf16' | 'utf8';
  /** Text messages one send request may carry (LINE: up to 5 message objects per reply or push). */
  perRequest: number;
}

export const TEXT_LIMITS: Record<Channel, TextLimit> = {
  whatsapp: { max: 4096, unit: 'utf16', perRequest: 1 },
  messenger: { max: 2000, unit: 'utf16', perRequest: 1 },
  instagram: { max: 1000, unit: 'utf8', perRequest: 1 },
  telegram: { max: 4096, unit: 'utf16', perRequest: 1 },
  line: { max: 5000, unit: 'utf16', perRequest: 5 },
  // Meridian's own widget shows any length; parts keep one answer at a readable size in its small panel.
  webchat: { max: 4096, unit: 'utf16', perRequest: 1 },
};

const utf8 = new TextEncoder();

/** The size of `text` in the limit's unit. */
export function measureText(text: string, unit: TextLimit['unit']): number {
  return unit === 'utf16' ? text.length : utf8.encode(text).length;
}

/** The longest prefix length (in UTF-16 indices) within `max`, never ending inside a surrogate pair. */
function prefixWithin(text: string, max: number, unit: TextLimit['unit']): number {
  if (unit === 'utf16') {
    let end = Math.min(max, text.length);
    if (end < text.length && end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end -= 1;
    return end;
  }
  let bytes = 0;
  let end = 0;
  for (const cp of text) {
    const size = measureText(cp, 'utf8');
    if (bytes + size > max) break;
    bytes += size;
    end += cp.length;
  }
  return end;
}

/** The end of the last match of `pattern` that `fits`, or -1. */
function lastMatchEnd(window: string, pattern: RegExp, fits: (at: number) => boolean): number {
  let end = -1;
  for (const m of window.matchAll(pattern)) {
    const at = m.index + m[0].length;
    if (fits(at)) end = at;
  }
  return end;
}

/** Sentence ends: Latin, Arabic, Urdu, Devanagari danda, Thai has none (spaces separate its sentences), CJK full stops. */
const BOUNDARIES: RegExp[] = [/\n[ \t]*\n/g, /\n/g, /[.!?…؟۔।](?:["'”’)\]]*)\s|[。！？]/g, /\s/g];

/** Where to cut `text` so the head fits `end`: the best boundary in the window's second half, else any grapheme. */
function cutAt(text: string, end: number): number {
  // One character past the limit is looked at too: a space there is a fine place to cut (it is dropped).
  const window = text.slice(0, end + 1);
  const fits = (at: number) => at <= end || (at === end + 1 && /\s/.test(text[end]!));
  const half = Math.floor(end / 2);
  for (const pattern of BOUNDARIES) {
    const at = lastMatchEnd(window, pattern, fits);
    if (at >= half) return at;
  }
  // Segments are evaluated on the window plus what follows, so the last word or grapheme is not judged cut off.
  const lookahead = text.slice(0, Math.min(text.length, end + 16));
  const word = lastBoundaryWithin(lookahead, end, 'word');
  if (word >= half) return word;
  const grapheme = lastBoundaryWithin(lookahead, end, 'grapheme');
  return grapheme > 0 ? grapheme : end; // a single grapheme over the limit: cut between code points
}

function lastBoundaryWithin(text: string, end: number, granularity: 'word' | 'grapheme'): number {
  let last = -1;
  for (const s of new Intl.Segmenter(undefined, { granularity }).segment(text)) {
    if (s.index > end) break;
    if (s.index > 0) last = s.index;
  }
  return last;
}

/** `text` as parts that each fit `limit`, cut at the most natural boundary; whitespace at the cuts is dropped. */
export function splitText(text: string, limit: Pick<TextLimit, 'max' | 'unit'>): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest && measureText(rest, limit.unit) > limit.max) {
    const end = prefixWithin(rest, limit.max, limit.unit);
    const cut = cutAt(rest, end);
    const head = rest.slice(0, cut).trimEnd();
    if (head) parts.push(head);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

/** `text` as the send requests `channel` needs: each request a list of at most `perRequest` parts. */
export function planOutboundText(channel: Channel, text: string): string[][] {
  const limit = TEXT_LIMITS[channel];
  const parts = splitText(text, limit);
  const requests: string[][] = [];
  for (let i = 0; i < parts.length; i += limit.perRequest) requests.push(parts.slice(i, i + limit.perRequest));
  return requests;
}
