import { MeridianError } from '../../domain/errors';
import { languageChain } from '../../domain/messages/language-chain';
import { formatMoney } from '../../domain/messages/money';
import { renderMessage, type MessageRecipient } from '../../domain/messages/render';
import { surveyPageWords } from '../../domain/messages/page-words';
import { loadShippedCatalog } from '../../domain/messages/shipped-catalog';

const catalog = loadShippedCatalog();
const TICKET = { ticketSubject: 'Parcel never arrived', queryCode: 'MRD-7K3Q-9XZP-4F2M', trackingUrl: 'https://meridian.test/api/track/MRD-7K3Q-9XZP-4F2M' };
const DEADLINE = Date.parse('2026-03-01T01:30:00Z');
const to = (language: string | undefined, timeZone = 'UTC', name = 'Dana Demo'): MessageRecipient => ({ name, language, timeZone });

describe('which language a customer is written to in', () => {
  it.each([
    ['pt-BR', ['pt-BR', 'en']],
    ['pt', ['pt-BR', 'en']], // no "pt" catalogue: the one written in the same language and script
    ['pt-PT', ['pt-BR', 'en']],
    ['zh-Hans-CN', ['zh-Hans', 'en']],
    ['zh-CN', ['zh-Hans', 'en']], // what intake accepts for a Chinese speaker in China
    ['zh-TW', ['en']], // Traditional script: Simplified is not the customer's writing
    ['es-MX', ['es', 'en']],
    ['de_DE', ['de', 'en']],
    ['ko', ['en']],
    ['not a language', ['en']],
    [undefined, ['en']],
  ])('%s → %j', (tag, chain) => {
    expect(languageChain(tag, catalog.languages)).toEqual(chain);
  });

  it('looks a key up in every language of the chain in order: pt-BR → pt → en', () => {
    expect(languageChain('pt-BR', ['en', 'pt', 'pt-BR'])).toEqual(['pt-BR', 'pt', 'en']);
    expect(languageChain('zh-Hans-CN', ['en', 'zh-Hans'])).toEqual(['zh-Hans', 'en']);
  });

  it('writes a Mexican customer in Spanish with Mexico’s formats', () => {
    const mx = renderMessage(catalog, 'refund-done', to('es-MX', 'America/Mexico_City'), TICKET, { amount: { minor: 123450, currency: 'MXN' } });
    expect(mx.language).toBe('es');
    expect(mx.subject).toBe('Su reembolso de $1,234.50 está en camino [MRD-7K3Q-9XZP-4F2M]');
    const es = renderMessage(catalog, 'refund-done', to('es', 'Europe/Madrid'), TICKET, { amount: { minor: 123450, currency: 'EUR' } });
    expect(es.subject.replace(/\s/g, ' ')).toBe('Su reembolso de 1234,50 € está en camino [MRD-7K3Q-9XZP-4F2M]');
  });
});

describe('dates and deadlines in the customer’s zone and locale', () => {
  it('shows a deadline at 2026-03-01T01:30Z as Sunday morning in Manila, in Filipino', () => {
    const { text } = renderMessage(catalog, 'reminder', to('fil', 'Asia/Manila'), TICKET, { question: 'Ano ang order number?', askedAt: DEADLINE - 86_400_000, replyBy: DEADLINE });
    expect(text).toContain('Pakisagot po bago ang Linggo, Marso 1, 2026 nang 9:30 AM GMT+8');
  });

  it('shows the same deadline as Saturday night the day before in São Paulo, in Brazilian Portuguese', () => {
    const { text } = renderMessage(catalog, 'reminder', to('pt-BR', 'America/Sao_Paulo'), TICKET, { question: 'Qual é o número do pedido?', askedAt: DEADLINE - 86_400_000, replyBy: DEADLINE });
    expect(text).toMatch(/responda até sábado, 28 de fevereiro de 2026 às 22:30 (BRT|GMT-3)/);
  });

  it('shows it in Berlin winter time in German and on the Buddhist calendar in Thai', () => {
    const de = renderMessage(catalog, 'resolution', to('de', 'Europe/Berlin'), TICKET, { reopenUntil: DEADLINE });
    expect(de.text).toContain('bis Sonntag, 1. März 2026 um 02:30 MEZ');
    const th = renderMessage(catalog, 'resolution', to('th', 'Asia/Bangkok'), TICKET, { reopenUntil: DEADLINE });
    expect(th.text).toContain('วันอาทิตย์ที่ 1 มีนาคม 2569 เวลา 8:30');
  });

  it('falls back to UTC for a zone that does not exist instead of failing the mail', () => {
    const { text } = renderMessage(catalog, 'resolution', to('en', 'Mars/Olympus_Mons'), TICKET, { reopenUntil: DEADLINE });
    expect(text).toContain('Sunday, March 1, 2026 at 1:30 AM UTC');
  });
});

describe('amounts in minor units of an ISO 4217 currency', () => {
  it.each([
    [{ minor: 1999, currency: 'EUR' }, 'de', '19,99 €'],
    [{ minor: 1500, currency: 'JPY' }, 'ja', '￥1,500'],
    [{ minor: 1234500, currency: 'KWD' }, 'en', 'KWD 1,234.500'],
    [{ minor: 5000000, currency: 'VND' }, 'vi', '5.000.000 ₫'],
    [{ minor: 129900, currency: 'BRL' }, 'pt-BR', 'R$ 1.299,00'],
    [{ minor: -250, currency: 'USD' }, 'en', '-$2.50'],
  ])('%j in %s is %s', (money, locale, shown) => {
    expect(formatMoney(money, locale).replace(/\s/g, ' ')).toBe(shown);
  });

  it.each([
    [{ minor: 19.99, currency: 'EUR' }],
    [{ minor: 100, currency: 'EURO' }],
    [{ minor: 100, currency: 'XYZ' }],
  ])('refuses %j', (money) => {
    expect(() => formatMoney(money, 'en')).toThrow(MeridianError);
  });
});

describe('what a customer sees of text other people typed', () => {
  const hostile = '<script>alert("x")</script> & Co';

  it('shows a name, a subject and an agent’s reply with markup as written, never as markup, in the HTML part', () => {
    const rendered = renderMessage(catalog, 'agent-reply', to('en', 'UTC', hostile), { ...TICKET, ticketSubject: hostile }, { reply: `Thanks!\n${hostile}` });
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html).toContain('Thanks!<br>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(rendered.html).toContain('<title>Re: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co [MRD-7K3Q-9XZP-4F2M]</title>');
    expect(rendered.text).toContain(`Thanks!\n${hostile}`); // the text part shows it as typed
  });

  it('keeps a subject on one line whatever the ticket subject holds, so it can never add a header', () => {
    const injected = 'Refund\r\nBcc: victim@example.test\r\n\r\nclick here';
    const rendered = renderMessage(catalog, 'acknowledgement', to('en', 'UTC', 'Eve\r\nX-Evil: 1'), { ...TICKET, ticketSubject: injected }, {});
    expect(rendered.subject).toBe('We received your request: Refund Bcc: victim@example.test click here [MRD-7K3Q-9XZP-4F2M]');
    expect(rendered.subject).not.toMatch(/[\r\n]/);
    expect(rendered.text.split('\n')[0]).toBe('Hello Eve X-Evil: 1,');
  });

  it('links the tracking page in HTML and greets without a name when there is none', () => {
    const { html, text } = renderMessage(catalog, 'acknowledgement', to('es', 'UTC', '  '), TICKET, {});
    expect(text.startsWith('Hola:\n')).toBe(true);
    expect(html).toContain(`<a href="${TICKET.trackingUrl}" dir="ltr">${TICKET.trackingUrl}</a>`);
  });
});

describe('right-to-left languages', () => {
  it('marks Arabic mail right-to-left with its language, and isolates a Latin name inside it', () => {
    const rendered = renderMessage(catalog, 'acknowledgement', to('ar', 'Asia/Riyadh', 'Dana Demo'), TICKET, {});
    expect(rendered.dir).toBe('rtl');
    expect(rendered.html).toContain('<html lang="ar" dir="rtl">');
    expect(rendered.html).toContain('<body dir="rtl"');
    expect(rendered.html).toContain('مرحبًا <bdi>Dana Demo</bdi>،');
    expect(rendered.subject).toBe('استلمنا طلبك: Parcel never arrived [MRD-7K3Q-9XZP-4F2M]');
  });

  it('keeps every other promised language left-to-right', () => {
    for (const language of ['en', 'es', 'pt-BR', 'vi', 'id', 'th', 'fil', 'zh-Hans', 'ja', 'de'])
      expect(renderMessage(catalog, 'survey', to(language), TICKET, { surveyUrl: 'https://meridian.test/s/1' }).html).toContain(`<html lang="${language}" dir="ltr">`);
  });
});

describe('approval outcome', () => {
  it('tells the customer an approval in their language, and a rejection with its reason', () => {
    const approved = renderMessage(catalog, 'approval-outcome', to('id'), TICKET, { outcome: 'approved', reason: '' });
    expect(approved.subject).toBe('Permintaan Anda disetujui [MRD-7K3Q-9XZP-4F2M]');
    const rejected = renderMessage(catalog, 'approval-outcome', to('ja'), TICKET, { outcome: 'rejected', reason: '購入から90日以上が経過しています。' });
    expect(rejected.subject).toBe('ご依頼は承認されませんでした [MRD-7K3Q-9XZP-4F2M]');
    expect(rejected.text).toContain('理由：購入から90日以上が経過しています。');
  });
});

describe('the survey’s rating page, in the ticket’s language', () => {
  it('words every part of the page in every shipped language, with the subject escaped only by the page', () => {
    for (const language of catalog.languages) {
      const page = surveyPageWords(catalog, language, 'Parcel <never> arrived');
      expect(page.language).toBe(language);
      expect(page.words.question).toContain('Parcel <never> arrived');
      for (const word of Object.values(page.words)) expect(word.trim()).not.toBe('');
      if (language !== 'en') expect(page.words.submit).not.toBe(surveyPageWords(catalog, 'en', 'x').words.submit);
    }
  });

  it('is right to left in Arabic, Brazilian for plain Portuguese, and English for a language it does not hold', () => {
    expect(surveyPageWords(catalog, 'ar', 'x')).toMatchObject({ language: 'ar', dir: 'rtl' });
    expect(surveyPageWords(catalog, 'pt', 'x').language).toBe('pt-BR');
    expect(surveyPageWords(catalog, 'ko', 'x')).toMatchObject({ language: 'en', dir: 'ltr', words: { submit: 'Send my rating' } });
  });
});
