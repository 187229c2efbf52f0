import { measureText, planOutboundText, splitText, TEXT_LIMITS } from '../../../domain/channels/text-limits';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const squash = (s: string) => s.replace(/\s+/g, '');

/** Every part fits, nothing but whitespace is lost, and no part holds half a surrogate pair. */
function expectFaithfulSplit(text: string, parts: string[], limit: { max: number; unit: 'utf16' | 'utf8' }) {
  for (const part of parts) {
    expect(measureText(part, limit.unit)).toBeLessThanOrEqual(limit.max);
    expect(part).not.toMatch(LONE_SURROGATE);
    expect(part.trim()).toBe(part);
  }
  expect(squash(parts.join(''))).toBe(squash(text));
}

/** The grapheme boundaries of `text`, as UTF-16 indices. */
const graphemeBoundaries = (text: string) => new Set([...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((s) => s.index).concat(text.length));

describe('outbound text splitting', () => {
  it('sends a text within the limit as it is, and nothing for an empty one', () => {
    expect(splitText('  Your ticket MRD-7K3Q is resolved.  ', TEXT_LIMITS.telegram)).toEqual(['Your ticket MRD-7K3Q is resolved.']);
    expect(splitText(' \n ', TEXT_LIMITS.telegram)).toEqual([]);
  });

  it('cuts between paragraphs when a paragraph break lies in the second half of the window', () => {
    const first = 'A'.repeat(2500);
    const second = `${'B'.repeat(2000)}.`;
    expect(splitText(`${first}\n\n${second}`, TEXT_LIMITS.telegram)).toEqual([first, second]);
  });

  it('cuts after a sentence rather than inside one', () => {
    const sentence = 'The refund was approved by finance and will reach your card within five working days. ';
    const text = sentence.repeat(120);
    const parts = splitText(text, TEXT_LIMITS.whatsapp);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.endsWith('days.')).toBe(true);
    expectFaithfulSplit(text, parts, TEXT_LIMITS.whatsapp);
  });

  it('cuts at a space when there is no sentence end', () => {
    const text = Array.from({ length: 1500 }, (_, i) => `word${i}`).join(' ');
    const parts = splitText(text, TEXT_LIMITS.messenger);
    expectFaithfulSplit(text, parts, TEXT_LIMITS.messenger);
    expect(parts.join(' ')).toBe(text);
  });

  it('never tears an emoji with skin tone and joiners, counting it as LINE does (7 UTF-16 units)', () => {
    const coder = '👩🏽‍💻';
    expect(measureText(coder, 'utf16')).toBe(7);
    const text = coder.repeat(1500);
    const parts = splitText(text, TEXT_LIMITS.line);
    expect(parts.length).toBe(3);
    for (const part of parts) expect(part.length % 7).toBe(0);
    expectFaithfulSplit(text, parts, TEXT_LIMITS.line);
  });

  it('never splits a surrogate pair even when a plain emoji sits across the limit', () => {
    const text = `a${'🍎'.repeat(3000)}`; // 6001 units: the 5000th unit is the first half of an apple
    const parts = splitText(text, TEXT_LIMITS.line);
    expect(parts.map((p) => p.length)).toEqual([4999, 1002]);
    expectFaithfulSplit(text, parts, TEXT_LIMITS.line);
  });

  it('cuts Thai, which has no spaces between words, at a word boundary', () => {
    const phrase = 'ขอบคุณที่ติดต่อเราทีมงานกำลังตรวจสอบคำสั่งซื้อของคุณ';
    const text = phrase.repeat(200);
    const parts = splitText(text, TEXT_LIMITS.telegram);
    expectFaithfulSplit(text, parts, TEXT_LIMITS.telegram);
    const words = new Set([...new Intl.Segmenter('th', { granularity: 'word' }).segment(text)].map((s) => s.index));
    expect(words.has(parts[0]!.length)).toBe(true);
    const graphemes = graphemeBoundaries(text);
    expect(graphemes.has(parts[0]!.length)).toBe(true); // no vowel sign or tone mark cut from its consonant
  });

  it('cuts Arabic after a question mark (؟) and counts Instagram in UTF-8 bytes', () => {
    const sentence = 'هل يمكنكم مساعدتي في استرجاع المبلغ المدفوع مرتين؟ ';
    const text = sentence.repeat(40);
    const parts = splitText(text, TEXT_LIMITS.instagram);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.endsWith('؟')).toBe(true);
    expectFaithfulSplit(text, parts, TEXT_LIMITS.instagram);
    expect(measureText('؟', 'utf8')).toBe(2);
  });

  it('cuts a single grapheme longer than the limit between code points rather than looping', () => {
    const text = `e${'\u0301'.repeat(20)}`;
    const parts = splitText(text, { max: 8, unit: 'utf16' });
    expectFaithfulSplit(text, parts, { max: 8, unit: 'utf16' });
  });
});

describe('send requests per platform', () => {
  it('groups LINE parts five to a push, and sends one part per request elsewhere', () => {
    const text = Array.from({ length: 7 }, (_, i) => `${String(i)}${'x'.repeat(4900)}`).join('\n\n');
    expect(planOutboundText('line', text).map((r) => r.length)).toEqual([5, 2]);
    expect(planOutboundText('telegram', text).every((r) => r.length === 1)).toBe(true);
    expect(planOutboundText('whatsapp', 'short')).toEqual([['short']]);
  });
});
