import { foldText, triage, type TriageInput } from '../../domain/triage';
import { PATTERN_PROGRAM_BUDGET, compilePattern, triagePatternProblems } from '../../domain/triage-patterns';
import { TriageRulesSchema, type TriageRules } from '../../domain/triage-rules';

const ORDER_CHARGED = '\\border\\s*#?\\d{5,}\\b.*\\bcharged\\b';

const rules: TriageRules = TriageRulesSchema.parse({
  defaultCategoryId: 'general',
  categories: [
    { id: 'general', name: 'General', processId: 'standard' },
    {
      id: 'refund',
      name: 'Refunds',
      processId: 'refund-approval',
      keywords: {
        en: ['refund', 'money back', 'charged twice'],
        de: ['Rückerstattung', 'Geld zurück'],
        fr: ['remboursement'],
        zh: ['退款'],
        ko: ['환불'],
      },
      patterns: [ORDER_CHARGED],
    },
    {
      id: 'account',
      name: 'Account access',
      processId: 'account-recovery',
      keywords: { en: ['password', 'locked out', 'login'], '*': ['2FA', 'OTP'] },
    },
    {
      id: 'minor-purchase',
      name: 'Purchase by a minor',
      processId: 'minor-purchase',
      keywords: { en: ['my son', 'my daughter', 'without permission'], de: ['mein Sohn', 'meine Tochter'] },
      patterns: ['\\b(son|daughter|kid|child)\\b.*\\b(bought|purchased|spent)\\b'],
      minPriority: 'high',
    },
    {
      id: 'billing',
      name: 'Billing questions',
      processId: 'billing',
      keywords: { en: ['invoice', 'refund'] },
    },
  ],
  urgentWords: { en: ['urgent', 'asap', 'immediately'], de: ['dringend', 'sofort'], '*': ['!!!'] },
  tierMinPriority: { premium: 'normal', vip: 'high' },
});

function triageOf(input: Partial<TriageInput>) {
  return triage({ subject: '', body: '', language: 'en', tier: 'standard', rules, ...input });
}

describe('triage', () => {
  it('files a refund request under refunds and starts the refund process', () => {
    expect(triageOf({ subject: 'Refund please', body: 'I would like my money back for the last order.' })).toEqual({
      categoryId: 'refund',
      processId: 'refund-approval',
      priority: 'normal',
      matched: { keywords: ['refund', 'money back'], patterns: [], urgentWords: [] },
    });
  });

  it('matches an ops-defined pattern where no keyword fits, and reports the pattern', () => {
    const result = triageOf({ body: 'Order #123456 was charged on my card but never shipped' });
    expect(result.categoryId).toBe('refund');
    expect(result.matched).toEqual({ keywords: [], patterns: [ORDER_CHARGED], urgentWords: [] });
  });

  it('counts keywords and patterns together: the category with more matches wins', () => {
    // "refund" alone would tie refund and billing: the pattern and "charged twice" tip it one way, "invoice" the other.
    expect(triageOf({ body: 'Order 123456 charged twice, I need a refund' }).categoryId).toBe('refund');
    expect(triageOf({ body: 'I need a refund of my invoice' }).categoryId).toBe('billing');
  });

  it('breaks a tie by rule order: the first category listed wins', () => {
    expect(triageOf({ body: 'refund' })).toMatchObject({ categoryId: 'refund', matched: { keywords: ['refund'] } });
  });

  it.each(['Rückerstattung', 'ruckerstattung', 'RÜCKERSTATTUNG', 'Ruckerstattung'])(
    'matches German keywords ignoring case and accents: "%s"',
    (word) => {
      expect(triageOf({ language: 'de', body: `Wo bleibt meine ${word}?` }).categoryId).toBe('refund');
    },
  );

  it('matches a folded keyword against the accented text, too', () => {
    expect(triageOf({ language: 'fr', body: 'Où en est le REMBOURSÉMENT ?' }).categoryId).toBe('refund');
  });

  it('matches whole words and phrases only', () => {
    expect(triageOf({ body: 'The refunded amount looks wrong' }).categoryId).toBe('general');
    expect(triageOf({ body: 'money is not coming back' }).categoryId).toBe('general');
    expect(triageOf({ body: 'Can I get my money   back?' }).matched.keywords).toEqual(['money back']);
    expect(triageOf({ body: 'Log-in fails' }).categoryId).toBe('general');
  });

  it("does not apply one language's keywords to a ticket in another language", () => {
    expect(triageOf({ language: 'en', body: 'Rückerstattung bitte' }).categoryId).toBe('general');
    expect(triageOf({ language: 'de', body: 'refund please' }).categoryId).toBe('general');
    expect(triageOf({ language: 'es', body: 'password' }).categoryId).toBe('general');
  });

  it('applies "*" keywords in every language', () => {
    for (const language of ['en', 'de', 'ja', 'pt']) {
      expect(triageOf({ language, body: 'Der 2fa Code / the OTP never arrives' }).categoryId).toBe('account');
    }
  });

  it('reads a regional language tag by its primary language', () => {
    expect(triageOf({ language: 'de-AT', body: 'Bitte Geld zurück' }).categoryId).toBe('refund');
  });

  it('finds keywords inside text of scripts written without spaces, and Korean words with particles', () => {
    expect(triageOf({ language: 'zh', body: '我想申请退款，谢谢' }).categoryId).toBe('refund');
    expect(triageOf({ language: 'ko', body: '환불을 요청합니다' }).categoryId).toBe('refund');
  });

  it('falls back to the default category with nothing matched', () => {
    expect(triageOf({ subject: 'Question', body: 'Do you ship to Iceland?' })).toEqual({
      categoryId: 'general',
      processId: 'standard',
      priority: 'normal',
      matched: { keywords: [], patterns: [], urgentWords: [] },
    });
  });

  it.each([
    ['standard', 'General question', 'normal'],
    ['premium', 'General question', 'normal'],
    ['vip', 'General question', 'high'],
    ['standard', 'my son bought gems', 'high'],
    ['vip', 'my son bought gems', 'high'],
  ] as const)('gives a %s customer with "%s" at least %s priority', (tier, body, priority) => {
    expect(triageOf({ tier, body }).priority).toBe(priority);
  });

  it('raises the priority one level when an urgent word appears, and reports it', () => {
    const result = triageOf({ subject: 'URGENT', body: 'I am locked out' });
    expect(result).toMatchObject({ categoryId: 'account', priority: 'high', matched: { urgentWords: ['urgent'] } });
  });

  it('raises once however many urgent words appear', () => {
    expect(triageOf({ body: 'urgent!!! fix it asap, immediately' }).priority).toBe('high');
  });

  it('uses urgent words of the ticket language and "*" only', () => {
    expect(triageOf({ language: 'de', body: 'Bitte SOFORT' }).priority).toBe('high');
    expect(triageOf({ language: 'en', body: 'Bitte sofort' }).priority).toBe('normal');
  });

  it('matches an urgent "word" without letters anywhere in the text', () => {
    expect(triageOf({ language: 'fr', body: 'Aidez-moi!!!!' })).toMatchObject({
      priority: 'high',
      matched: { urgentWords: ['!!!'] },
    });
  });

  it('caps an urgent raise at urgent', () => {
    const body = 'My daughter purchased 500 euros of coins without permission, urgent';
    const result = triageOf({ tier: 'vip', body });
    expect(result).toMatchObject({ categoryId: 'minor-purchase', priority: 'urgent' });
    const already = triage({
      subject: 'urgent',
      body: '',
      language: 'en',
      tier: 'vip',
      rules: { ...rules, tierMinPriority: { vip: 'urgent' } },
    });
    expect(already.priority).toBe('urgent');
  });

  it('treats an invalid pattern that slipped past validation as no match instead of failing the workflow', () => {
    const invalid = { ...rules.categories[0]!, id: 'invalid', patterns: ['('] };
    const broken = { ...rules, categories: [...rules.categories, invalid] };
    expect(triage({ subject: '', body: '(', language: 'en', tier: 'standard', rules: broken }).categoryId).toBe(
      'general',
    );
  });

  it('runs the classic catastrophic pattern (a+)+$ against "aaaa…!" in linear time', () => {
    const evil = { ...rules.categories[0]!, id: 'evil', patterns: ['(a+)+$', '^(a|aa)+$', '(.*a){12}'] };
    // A backtracking engine would not finish these within the age of the universe; jest's timeout is the bound.
    const result = triage({ subject: '', body: `${'a'.repeat(19_000)}!`, language: 'en', tier: 'standard', rules: { ...rules, categories: [...rules.categories, evil] } });
    expect(result.matched.patterns).toEqual(['(.*a){12}']);
  });

  it('matches case-insensitively in any script, as the rules promise', () => {
    const refunds = { ...rules.categories[0]!, id: 'refunds-de', patterns: ['rückerstattung\\s+\\p{N}+', '退款'] };
    const result = triage({ subject: '', body: 'RÜCKERSTATTUNG 42 退款', language: 'de', tier: 'standard', rules: { ...rules, categories: [refunds] } });
    expect(result.matched.patterns).toEqual(['rückerstattung\\s+\\p{N}+', '退款']);
  });

  it('lets a stored pattern RE2 cannot run (a backreference) match nothing instead of failing the ticket', () => {
    const stored = { ...rules.categories[0]!, id: 'stored', patterns: ['(order) \\1'] };
    const only = { ...rules, categories: [stored], defaultCategoryId: 'stored' };
    expect(triage({ subject: '', body: 'order order', language: 'en', tier: 'standard', rules: only }).matched.patterns).toEqual([]);
  });

  it('skips, in rule order, the patterns past the instruction budget', () => {
    const big = '(\\pL{100}){10}'; // about a thousand instructions each
    const size = compilePattern(big);
    expect(size.ok && size.size).toBeGreaterThan(PATTERN_PROGRAM_BUDGET / 10);
    const many = Array.from({ length: 12 }, (_, i) => `${big}|tag${i}`);
    const category = { ...rules.categories[0]!, id: 'many', patterns: many };
    const triaged = (categories: Array<typeof category>, body: string) =>
      triage({ subject: '', body, language: 'en', tier: 'standard', rules: { ...rules, categories, defaultCategoryId: categories[0]!.id } });
    expect(triaged([category], 'tag0 tag7').matched.patterns).toEqual([many[0]]);
    expect(triaged([{ ...category, patterns: [many[7]!] }], 'tag0 tag7').matched.patterns).toEqual([many[7]]);
    expect(triagePatternProblems([category])).toEqual([{ pointer: '/body/categories', message: expect.stringContaining(`at most ${PATTERN_PROGRAM_BUDGET}`) }]);
  });

  it('classifies a very long body (2 MB of log lines) by its first 20,000 characters, so its cost is bounded', () => {
    // How fast triage is, is the bench's business; here: what a long body costs is bounded by what is read of it.
    const filler = 'log line with words of no category '.repeat(60_000);
    const body = `I need a refund. ${filler.slice(0, 19_000)} ${filler} and then I forgot my password`;
    expect(triageOf({ body })).toMatchObject({ categoryId: 'refund', matched: { keywords: ['refund'] } });
  });
});

describe('foldText', () => {
  it.each([
    ['Rückerstattung', 'ruckerstattung'],
    ['Straße', 'strasse'],
    ['İADE ŞİFRE', 'iade sifre'],
    ['Złoty ŁÓDŹ', 'zloty lodz'],
    ['Hoàn tiền ĐƠN', 'hoan tien don'],
    ['Ёлка', 'елка'],
    ['ガス', 'ガス'],
    ['환불', '환불'],
    ['मेरा', 'मेरा'],
  ])('folds "%s" to "%s"', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });
});
