import { deriveQueryCode, hashQueryCode } from '../../services/query-codes/query-code-crypto';
import {
  QUERY_CODE_ALPHABET,
  QUERY_CODE_INPUT_PATTERN,
  QueryCodeSchema,
  encodeQueryCode,
  normalizeQueryCode,
} from '../../domain/query-code';

const CODE_FORMAT = /^MRD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const SECRET = 'test-secret-0123456789abcdef';

describe('encodeQueryCode', () => {
  it('writes the prefix and three groups of four Crockford characters', () => {
    expect(encodeQueryCode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toMatch(CODE_FORMAT);
  });

  it('encodes exactly the first 60 bits, most significant first', () => {
    expect(encodeQueryCode(new Uint8Array(8))).toBe('MRD-0000-0000-0000');
    expect(encodeQueryCode(new Uint8Array(8).fill(0xff))).toBe('MRD-ZZZZ-ZZZZ-ZZZZ');
    // 0x08 = 00001 000…: the fifth bit alone is the first character's lowest bit.
    expect(encodeQueryCode(new Uint8Array([0x08, 0, 0, 0, 0, 0, 0, 0]))).toBe('MRD-1000-0000-0000');
    // The last 4 of 64 bits are not used: 0x0f in the eighth byte changes nothing, 0x10 does.
    expect(encodeQueryCode(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0x0f]))).toBe('MRD-0000-0000-0000');
    expect(encodeQueryCode(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0x10]))).toBe('MRD-0000-0000-0001');
    expect(encodeQueryCode(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0x10, 0xff, 0xff]))).toBe('MRD-0000-0000-0001');
  });

  it('refuses fewer than 60 bits', () => {
    expect(() => encodeQueryCode(new Uint8Array(7))).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});

describe('normalizeQueryCode', () => {
  it.each([
    ['MRD-7K3Q-9XZP-4F2M', 'MRD-7K3Q-9XZP-4F2M'],
    ['mrd-7k3q-9xzp-4f2m', 'MRD-7K3Q-9XZP-4F2M'],
    ['  MRD-7K3Q-9XZP-4F2M\n', 'MRD-7K3Q-9XZP-4F2M'],
    ['MRD 7K3Q 9XZP 4F2M', 'MRD-7K3Q-9XZP-4F2M'],
    ['MRD7K3Q9XZP4F2M', 'MRD-7K3Q-9XZP-4F2M'],
    ['7K3Q-9XZP-4F2M', 'MRD-7K3Q-9XZP-4F2M'],
    ['7k3q9xzp4f2m', 'MRD-7K3Q-9XZP-4F2M'],
    ['7K3Q 9XZP 4F2M', 'MRD-7K3Q-9XZP-4F2M'],
    ['MRD–7K3Q–9XZP–4F2M', 'MRD-7K3Q-9XZP-4F2M'],
    ['MRD-O0O0-oooo-0000', 'MRD-0000-0000-0000'],
    ['MRD-I1I1-iiii-1111', 'MRD-1111-1111-1111'],
    ['MRD-L1L1-llll-1111', 'MRD-1111-1111-1111'],
    ['MRD-1LO0-0OL1-ZZZZ', 'MRD-1100-0011-ZZZZ'],
    ['MRD1-2345-6789', 'MRD-MRD1-2345-6789'],
  ])('reads "%s" as %s', (input, code) => {
    expect(normalizeQueryCode(input)).toBe(code);
  });

  it.each([
    ['a U, which Crockford base32 leaves out', 'MRD-7K3Q-9XZP-4F2U'],
    ['another letter outside the alphabet', 'MRD-7K3Q-9XZP-4F2!'],
    ['a group too few', 'MRD-7K3Q-9XZP'],
    ['one character short', 'MRD-7K3Q-9XZP-4F2'],
    ['one character long', 'MRD-7K3Q-9XZP-4F2MM'],
    ['a wrong prefix', 'ABC-7K3Q-9XZP-4F2M'],
    ['a misread prefix', 'MR0-7K3Q-9XZP-4F2M'],
    ['the prefix alone', 'MRD'],
    ['nothing', ''],
    ['only dashes', '----'],
    ['a very long input', `MRD-7K3Q-9XZP-4F2M${' '.repeat(100)}`],
    ['other Unicode letters', 'MRD-7K3Q-9XZP-4F2Ж'],
  ])('rejects %s', (_why, input) => {
    expect(normalizeQueryCode(input)).toBeNull();
  });
});

describe('QueryCodeSchema', () => {
  it('turns what a customer typed into the canonical code', () => {
    expect(QueryCodeSchema.parse(' mrd 7k3q 9xzp 4f2m ')).toBe('MRD-7K3Q-9XZP-4F2M');
  });

  it('rejects what cannot be a code with one readable issue', () => {
    const result = QueryCodeSchema.safeParse('MRD-UUUU-UUUU-UUUU');
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'custom', message: 'not a query code (expected MRD-XXXX-XXXX-XXXX)' }),
    ]);
    expect(QueryCodeSchema.safeParse(12).success).toBe(false);
  });
});

describe('deriveQueryCode', () => {
  const codes = Array.from({ length: 2000 }, (_, i) => deriveQueryCode(SECRET, `tkt_${i}`));

  it('gives every ticket a well-formed code that reads back unchanged', () => {
    for (const code of codes) {
      expect(code).toMatch(CODE_FORMAT);
      expect(normalizeQueryCode(code)).toBe(code);
    }
  });

  it('spreads codes over the whole 60-bit space: 2000 tickets, no collision, every character used', () => {
    expect(new Set(codes).size).toBe(codes.length);
    const bodies = codes.map((c) => c.slice('MRD-'.length).replace(/-/g, ''));
    expect([...new Set(bodies.join(''))].sort().join('')).toBe(QUERY_CODE_ALPHABET);
    // No bit is stuck: each of the 12 positions takes all 32 values (2000 draws miss one with p ≈ 10^-25).
    for (let position = 0; position < 12; position += 1) {
      expect(new Set(bodies.map((b) => b[position])).size).toBe(32);
    }
  });

  it('gives a retried intake the same code for the same ticket', () => {
    expect(deriveQueryCode(SECRET, 'tkt_42')).toBe(deriveQueryCode(SECRET, 'tkt_42'));
    expect(deriveQueryCode(SECRET, 'tkt_42')).toBe(codes[42]);
  });

  it('gives different codes under a different secret, so a ticket id alone reveals nothing', () => {
    expect(deriveQueryCode('another-secret-0123456789', 'tkt_42')).not.toBe(codes[42]);
  });

  it('refuses an empty secret', () => {
    expect(() => deriveQueryCode('', 'tkt_42')).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});

describe('hashQueryCode', () => {
  const code = deriveQueryCode(SECRET, 'tkt_7');

  it('stores a hash that is neither the code nor its encoding', () => {
    const hash = hashQueryCode(SECRET, code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(code.replace(/-/g, '').toLowerCase());
    expect(encodeQueryCode(Buffer.from(hash, 'hex'))).not.toBe(code);
  });

  it('finds the same hash for the same code and a different one under another secret', () => {
    expect(hashQueryCode(SECRET, code)).toBe(hashQueryCode(SECRET, code));
    expect(hashQueryCode('another-secret-0123456789', code)).not.toBe(hashQueryCode(SECRET, code));
    expect(hashQueryCode(SECRET, deriveQueryCode(SECRET, 'tkt_8'))).not.toBe(hashQueryCode(SECRET, code));
  });

  it('hashes what the customer typed once it is normalised, and refuses it before', () => {
    const typed = code.toLowerCase().replace(/-/g, ' ');
    expect(hashQueryCode(SECRET, QueryCodeSchema.parse(typed))).toBe(hashQueryCode(SECRET, code));
    expect(() => hashQueryCode(SECRET, typed)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('QUERY_CODE_INPUT_PATTERN (the OpenAPI document says what a code is)', () => {
  const pattern = new RegExp(QUERY_CODE_INPUT_PATTERN);
  const documented = (input: string) => input.length <= 64 && pattern.test(input);
  const CODE_CHARS = [...'0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyzILOilo'];
  const SEPARATORS = [' ', '-', '  ', '\t', '\n', '\u00a0', '\u2013', '\u2212', '\u3000', '\ufeff', '\u2028'];
  /** What breaks a code: U, other punctuation, letters that upper-case to ASCII outside ASCII, other scripts, emoji, NEL. */
  const JUNK = ['U', 'u', '_', '.', 'ß', 'ı', 'ſ', 'Ж', '😀', '\u0085', '\u200b', 'MRD', 'x'];

  it('accepts exactly what normalizeQueryCode accepts, on 20,000 near-codes', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31; // deterministic
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const nearCode = () => {
      const parts: string[] = [];
      const prefix = next();
      if (prefix < 0.3) parts.push(pick(['MRD', 'mrd', 'MrD', 'M-R-D', 'MR0']));
      const chars = pick([11, 12, 12, 12, 13, 15]);
      for (let i = 0; i < chars; i += 1) {
        if (next() < 0.25) parts.push(pick(SEPARATORS));
        parts.push(next() < 0.03 ? pick(JUNK) : pick(CODE_CHARS));
      }
      if (next() < 0.2) parts.push(pick(SEPARATORS).repeat(Math.floor(next() * 40)));
      return parts.join('');
    };
    const samples = Array.from({ length: 20_000 }, nearCode);
    samples.push(' mrd 7k3q 9xzp 4f2m ', 'MRD-7K3Q-9XZP-4F2M', `MRD-7K3Q-9XZP-4F2M${' '.repeat(50)}`, 'ßßßßßß', '7K3Q9XZP4F2M', '');
    const disagreements = samples.filter((s) => documented(s) !== (normalizeQueryCode(s) !== null));
    expect(disagreements).toEqual([]);
    // The corpus reaches both sides.
    expect(samples.filter(documented).length).toBeGreaterThan(5_000);
    expect(samples.filter((s) => !documented(s)).length).toBeGreaterThan(5_000);
  });
});
