import { foldText, triage, type TriageInput } from '../../domain/triage';
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

  it('classifies a very long body quickly', () => {
    const started = performance.now();
    triageOf({ body: `${'log line with refund and password words '.repeat(50_000)}` });
    expect(performance.now() - started).toBeLessThan(200);
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
