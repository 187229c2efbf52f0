import { MeridianError } from '../../domain/errors';
import { loadMessageCatalog, type CatalogProblem } from '../../domain/messages/catalog';
import { renderMessage } from '../../domain/messages/render';
import { loadShippedCatalog, SHIPPED_MESSAGES } from '../../domain/messages/shipped-catalog';
import { catalogEntries, MESSAGE_TEMPLATES, TEMPLATE_VALUES, type MessageTemplate, type TemplateValues, type ValueKind } from '../../domain/messages/templates';

/** The languages the product promises (issue 8); the catalogue may hold more. */
const PROMISED = ['en', 'es', 'pt-BR', 'vi', 'id', 'th', 'fil', 'ar', 'zh-Hans', 'ja', 'de'];

type Source = Record<string, Record<string, string>>;
const shipped = (language: string): Source => structuredClone(SHIPPED_MESSAGES[language]) as Source;
const sourceText = (source: Source, key: string): string | undefined => {
  const [group, part] = key.split('.') as [string, string];
  return source[group]?.[part];
};

/** A sample value for every value a template is given, built from its declared kind (not a hand list per template). */
function sampleValues<T extends MessageTemplate>(template: T): TemplateValues<T> {
  const sample = (name: string, kind: ValueKind): unknown => {
    if (Array.isArray(kind)) return kind[kind.length - 1];
    if (kind === 'instant') return Date.parse('2026-03-01T01:30:00Z');
    if (kind === 'money') return { minor: 123456, currency: 'EUR' };
    if (kind === 'url') return `https://meridian.test/${name}`;
    return `«${name} sample»`;
  };
  const values = Object.entries(TEMPLATE_VALUES[template] as Record<string, ValueKind>).map(([name, kind]) => [name, sample(name, kind)]);
  return Object.fromEntries(values) as TemplateValues<T>;
}

function refusal(sources: Record<string, unknown>): CatalogProblem[] {
  try {
    loadMessageCatalog(sources);
  } catch (err) {
    expect(err).toBeInstanceOf(MeridianError);
    expect((err as MeridianError).code).toBe('MESSAGE_CATALOG_INVALID');
    return (err as MeridianError).detail?.problems as CatalogProblem[];
  }
  throw new Error('the catalogue was accepted');
}

describe('the shipped message catalogue', () => {
  const catalog = loadShippedCatalog();
  const keys = [...catalogEntries().keys()];

  it('holds every promised language', () => {
    expect(catalog.languages).toEqual(expect.arrayContaining(PROMISED));
  });

  it('has every message of every template in every language it ships, in that language itself', () => {
    const missing = Object.keys(SHIPPED_MESSAGES).flatMap((language) => keys.filter((key) => !sourceText(shipped(language), key)).map((key) => `${language} ${key}`));
    expect(missing).toEqual([]);
  });

  it('is translated: no language repeats the English wording of a message that has words of its own', () => {
    const english = shipped('en');
    const copied = Object.keys(SHIPPED_MESSAGES)
      .filter((language) => language !== 'en')
      .flatMap((language) => keys.filter((key) => sourceText(shipped(language), key) === sourceText(english, key)).map((key) => `${language} ${key}`));
    // Only the agent's own words ("{reply}") and the universal "Re:" subject are the same everywhere.
    expect(new Set(copied.map((c) => c.split(' ')[1]))).toEqual(new Set(['agent-reply.subject', 'agent-reply.body']));
  });

  it.each(MESSAGE_TEMPLATES.flatMap((template) => Object.keys(SHIPPED_MESSAGES).map((language) => [template, language] as const)))(
    'renders %s in %s with every value filled in',
    (template, language) => {
      const values = sampleValues(template);
      const rendered = renderMessage(catalog, template, { name: 'Dana Demo', language, timeZone: 'Asia/Manila' }, { ticketSubject: 'Parcel never arrived', queryCode: 'MRD-7K3Q-9XZP-4F2M', trackingUrl: 'https://meridian.test/track' }, values);
      expect(rendered.language).toBe(language);
      expect(rendered.subject).toContain('MRD-7K3Q-9XZP-4F2M');
      for (const part of [rendered.subject, rendered.text, rendered.html]) expect(part).not.toMatch(/[{}]/); // no ICU left unrendered
      expect(rendered.text).toContain('https://meridian.test/track');
      for (const value of Object.values(values)) if (typeof value === 'string' && value.startsWith('«')) expect(rendered.text).toContain(value);
      expect(rendered.html).toContain(`<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">`);
    },
  );
});

describe('a broken catalogue is refused when it loads, naming what is wrong', () => {
  const valid = () => ({ en: shipped('en'), es: shipped('es') });

  it('refuses a catalogue whose fallback language lacks a key', () => {
    const sources = valid();
    delete (sources.en['survey'] as Record<string, string>)['body'];
    expect(refusal(sources)).toEqual([{ language: 'en', key: 'survey.body', problem: 'missing in the fallback language' }]);
  });

  it('refuses a catalogue without the fallback language', () => {
    expect(refusal({ es: shipped('es') })).toEqual([{ language: 'en', problem: 'the fallback language is missing' }]);
  });

  it('refuses a translation that drops a value its message must carry, and names every problem at once', () => {
    const sources = valid();
    sources.es['agent-reply']!['body'] = 'Gracias por escribirnos.';
    sources.es['refund-done']!['subject'] = 'Reembolso de {amount}';
    expect(refusal(sources)).toEqual([
      { language: 'es', key: 'agent-reply.body', problem: 'must use {reply}' },
      { language: 'es', key: 'refund-done.subject', problem: 'must use {queryCode}' },
    ]);
  });

  it.each([
    ['uses a value the message is not given', 'reminder.body', '{question} {askedAt, date, moment} {replyBy, date, moment} {orderNumber}', 'uses {orderNumber}, which this message is not given'],
    ['shows an instant outside the customer’s zone', 'reminder.body', '{question} {askedAt, date, short} {replyBy, date, moment}', "{askedAt} is an instant: use {askedAt, date, moment} or {askedAt, date, day} (shown in the customer's zone)"],
    ['selects on an outcome that does not exist', 'approval-outcome.body', '{outcome, select, approved {ok} refunded {paid} other {no: {reason}}}', '{outcome, select} has options it never takes: refunded'],
    ['is not ICU MessageFormat', 'survey.body', 'Rate us: {surveyUrl', expect.stringMatching(/^not ICU MessageFormat/)],
    ['has a select with no other branch', 'approval-outcome.subject', '{outcome, select, approved {Yes} rejected {No}} {queryCode}', expect.stringMatching(/^not ICU MessageFormat/)],
    ['breaks a subject over two lines', 'survey.subject', 'How did we do?\n[{queryCode}]', 'a subject is one line'],
  ])('refuses a message that %s', (_what, key, text, problem) => {
    const sources = valid();
    const [group, part] = key.split('.') as [string, string];
    sources.es[group]![part] = text;
    expect(refusal(sources)).toEqual([{ language: 'es', key, problem }]);
  });

  it('refuses an unknown message and a language tag that is not canonical', () => {
    const sources: Record<string, unknown> = valid();
    (sources.es as Source)['survey']!['footer'] = 'Gracias {name}';
    sources['pt_br'] = { common: { greeting: 'Olá {name}' } };
    expect(refusal(sources)).toEqual([
      { language: 'es', key: 'survey.footer', problem: 'no such message' },
      { language: 'pt_br', problem: 'not a canonical BCP 47 language tag (invalid)' },
    ]);
  });

  it('accepts a language that words only some messages: the others come from its fallback chain', () => {
    const catalog = loadMessageCatalog({ en: shipped('en'), pt: { acknowledgement: { subject: 'Recebemos o seu pedido: {ticketSubject} [{queryCode}]' } } });
    const ticket = { ticketSubject: 'Encomenda', queryCode: 'MRD-1', trackingUrl: 'https://meridian.test/t' };
    const rendered = renderMessage(catalog, 'acknowledgement', { name: 'Rui', language: 'pt-PT', timeZone: 'Europe/Lisbon' }, ticket, {});
    expect(rendered.subject).toBe('Recebemos o seu pedido: Encomenda [MRD-1]');
    expect(rendered.text).toContain('Thank you for contacting us.');
  });
});
