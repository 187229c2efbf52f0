import { cleanMultiLine, cleanSingleLine, multiLineText, singleLineText } from '../../domain/text';

describe('free text from people', () => {
  it.each([
    ['a bell and a NUL', 'Refund\u0007 please\u0000', 'Refund please'],
    ['an ANSI colour, removed whole', '\u001b[31mURGENT\u001b[0m payment', 'URGENT payment'],
    ['an 8-bit CSI and a terminal title', '\u009b1;31mhi\u001b]0;pwned\u0007 there', 'hi there'],
    ['an unterminated title, which loses only its introducer', 'see \u001b]8;;link', 'see 8;;link'],
    ['line breaks and tabs, as one space', 'Order\r\n\t4711\u2028late', 'Order 4711 late'],
    ['a right-to-left override (spoofed file name)', 'invoice\u202efdp.exe', 'invoicefdp.exe'],
    ['isolates and embeddings', 'name \u2067عربي\u2069 \u202bx\u202c', 'name عربي x'],
    ['a byte-order mark and an unpaired surrogate', '\ufeffHallo \ud800Welt', 'Hallo Welt'],
  ])('strips %s from a one-line text', (_what, input, expected) => {
    expect(cleanSingleLine(input)).toBe(expected);
  });

  it.each([
    ['Arabic with its marks', 'مرحبا، أريد استرداد المبلغ\u200f'],
    ['Hebrew', 'שלום, ההזמנה שלי לא הגיעה'],
    ['emoji with joiners, skin tones and a subdivision flag', '👩🏽‍💻 🏴󠁧󠁢󠁳󠁣󠁴󠁿 ❤️'],
    ['CJK and kana', '注文した商品が届きません'],
    ['combining marks and Devanagari', 'Zoë (decomposed: Zoe\u0308) नमस्ते'],
    ['Persian with a zero-width non-joiner', 'می\u200cخواهم'],
  ])('keeps %s unchanged', (_what, text) => {
    expect(cleanSingleLine(text)).toBe(text);
    expect(cleanMultiLine(text)).toBe(text);
  });

  it('keeps line breaks, tabs, isolates and embeddings in long texts but drops overrides and controls', () => {
    const text = 'Hello,\r\n\tline two\u0007\rline \u2067שלום\u2069 three\u202e!';
    expect(cleanMultiLine(text)).toBe('Hello,\n\tline two\nline \u2067שלום\u2069 three!');
  });

  it.each([
    ['only control characters', '\u0000\u0007\u0008'],
    ['only an ANSI escape', '\u001b[31m'],
    ['only spaces, joiners and bidi marks', ' \u200b\u200d\u200e\u202e '],
  ])('refuses a field left empty by %s', (_what, input) => {
    for (const schema of [singleLineText(200), multiLineText(200)]) {
      const result = schema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('must contain visible text (control characters are removed)');
    }
  });

  it('limits the length of what was sent', () => {
    expect(singleLineText(5).safeParse('abcdef').success).toBe(false);
    expect(singleLineText(5).parse(' abc ')).toBe('abc');
  });
});
