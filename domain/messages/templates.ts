/**
 * The messages Meridian sends customers, as a contract between the code that sends them and the catalogue that words
 * them: which templates exist, which values each one is given, and which of those its wording must use.
 */
import type { Channel } from '../ticket';

/** Every customer message with a template in the catalogue. */
export const MESSAGE_TEMPLATES = [
  'acknowledgement',
  'agent-reply',
  'info-request',
  'reminder',
  'approval-outcome',
  'refund-done',
  'resolution',
  'survey',
  'status-reply',
] as const;
export type MessageTemplate = (typeof MESSAGE_TEMPLATES)[number];

/** An amount of money as stored: integer minor units (cents, yen) of an ISO 4217 currency. */
export interface Money {
  minor: number;
  currency: string;
}

/**
 * How a value is given and may be used in a message: `text` and `url` as plain `{arg}`, `instant` (epoch ms) only as
 * `{arg, date, moment}` or `{arg, date, day}` (so it is shown in the customer's zone), `money` as `{arg}` (formatted
 * for the locale before it reaches the message), a list of choices only in `{arg, select, …}`.
 */
export type ValueKind = 'text' | 'url' | 'instant' | 'money' | readonly string[];

type ValueOf<K> = K extends 'text' | 'url' ? string : K extends 'instant' ? number : K extends 'money' ? Money : K extends readonly (infer C)[] ? C : never;

/** Values every customer message gets: who it greets and which ticket it is about. */
export const COMMON_VALUES = { name: 'text', hasName: ['yes', 'no'], ticketSubject: 'text', queryCode: 'text', trackingUrl: 'url' } as const satisfies Record<string, ValueKind>;

/** Each template's own values; its body must use every one of them (a translation cannot drop the reply it carries). */
export const TEMPLATE_VALUES = {
  acknowledgement: {},
  'agent-reply': { reply: 'text' },
  'info-request': { question: 'text' },
  reminder: { question: 'text', askedAt: 'instant', replyBy: 'instant' },
  'approval-outcome': { outcome: ['approved', 'rejected'], reason: 'text' },
  'refund-done': { amount: 'money' },
  resolution: { reopenUntil: 'instant' },
  survey: { surveyUrl: 'url' },
  /** The answer to a message that is only a query code: where the request stands. */
  'status-reply': { state: ['received', 'in_progress', 'waiting_on_you', 'resolved', 'closed'] },
} as const satisfies Record<MessageTemplate, Record<string, ValueKind>>;

/** What the sender hands over for one template. */
export type TemplateValues<T extends MessageTemplate> = { -readonly [K in keyof (typeof TEMPLATE_VALUES)[T]]: ValueOf<(typeof TEMPLATE_VALUES)[T][K]> };

/** Messages written by a person (an agent's reply, their question) start with their own words, not our greeting. */
export const GREETS: Record<MessageTemplate, boolean> = {
  acknowledgement: true,
  'agent-reply': false,
  'info-request': false,
  reminder: true,
  'approval-outcome': true,
  'refund-done': true,
  resolution: true,
  survey: true,
  'status-reply': true,
};

/**
 * The words of the rating page a survey link opens (shown in the browser in the ticket's language, not sent): each
 * may use the ticket's subject; the question must.
 */
export const SURVEY_PAGE_WORDS = ['title', 'question', 'scale', 'comment', 'submit', 'thanksTitle', 'thanks'] as const;
export type SurveyPageWord = (typeof SURVEY_PAGE_WORDS)[number];
const SURVEY_PAGE_VALUES = { ticketSubject: 'text' } as const satisfies Record<string, ValueKind>;

/** The words of the web chat widget (shown in the visitor's browser in its language, not sent); they take no values. */
export const WEBCHAT_WIDGET_WORDS = ['title', 'open', 'close', 'intro', 'name', 'email', 'placeholder', 'send', 'error'] as const;
export type WebchatWidgetWord = (typeof WEBCHAT_WIDGET_WORDS)[number];

/** One message in the catalogue: the values it may use and the ones it must use. */
export interface CatalogEntry {
  values: Readonly<Record<string, ValueKind>>;
  required: readonly string[];
}

/** Every key a complete catalogue holds (`common.greeting`, `survey.body`, …) and what each may and must use. */
export function catalogEntries(): Map<string, CatalogEntry> {
  const entries = new Map<string, CatalogEntry>([
    ['common.greeting', { values: COMMON_VALUES, required: ['name'] }],
    ['common.footer', { values: COMMON_VALUES, required: ['queryCode', 'trackingUrl'] }],
  ]);
  for (const template of MESSAGE_TEMPLATES) {
    const values = { ...COMMON_VALUES, ...TEMPLATE_VALUES[template] };
    entries.set(`${template}.subject`, { values, required: ['queryCode'] });
    entries.set(`${template}.body`, { values, required: Object.keys(TEMPLATE_VALUES[template]) });
  }
  for (const word of SURVEY_PAGE_WORDS) entries.set(`survey-page.${word}`, { values: SURVEY_PAGE_VALUES, required: word === 'question' ? ['ticketSubject'] : [] });
  for (const word of WEBCHAT_WIDGET_WORDS) entries.set(`webchat-widget.${word}`, { values: {}, required: [] });
  return entries;
}

/** RFC 3834 Auto-Submitted value of a template (null: written by a person, so no header). */
export type AutoSubmitted = 'auto-generated' | 'auto-replied' | null;

/**
 * Automatic mail says so, so that well-behaved auto-responders stay silent (no mail loops): `auto-replied` only for a
 * direct automatic answer to a customer's own e-mail (the acknowledgement of a ticket opened by e-mail), otherwise
 * `auto-generated`. An agent's reply or question is written by a person and carries no header.
 */
export function autoSubmitted(template: MessageTemplate, openedThrough: Channel): AutoSubmitted {
  const byTemplate: Record<MessageTemplate, AutoSubmitted> = {
    acknowledgement: openedThrough === 'email' ? 'auto-replied' : 'auto-generated',
    'agent-reply': null,
    'info-request': null,
    reminder: 'auto-generated',
    'approval-outcome': 'auto-generated',
    'refund-done': 'auto-generated',
    resolution: 'auto-generated',
    survey: 'auto-generated',
    'status-reply': 'auto-replied',
  };
  return byTemplate[template];
}
