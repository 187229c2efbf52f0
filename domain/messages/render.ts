/**
 * Renders a customer message from the catalogue: worded in the customer's language (with its fallback chain), dates
 * in their time zone and locale, amounts in their locale's currency format, as a one-line subject, a plain-text part
 * and an HTML part in which everything anyone typed is escaped. Pure: the same input gives the same mail.
 */
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat, PART_TYPE, type Formats } from 'intl-messageformat';
import { IANAZone } from 'luxon';
import type { MessageCatalog } from './catalog';
import type { DateStyle } from './catalog-checks';
import { formattingLocale, languageChain, textDirection } from './language-chain';
import { escapeHtml, htmlDocument, htmlLink, htmlValue, oneLine } from './mail-html';
import { formatMoney } from './money';
import { COMMON_VALUES, GREETS, TEMPLATE_VALUES, type MessageTemplate, type Money, type TemplateValues, type ValueKind } from './templates';

/** Who the message is for: greeted by name, in their language (a BCP 47 tag) and time zone (IANA). */
export interface MessageRecipient {
  name: string;
  language: string | undefined;
  timeZone: string;
}

/** The ticket every customer message is about. */
export interface TicketReference {
  ticketSubject: string;
  queryCode: string;
  trackingUrl: string;
}

export interface RenderedMessage {
  /** The catalogue language the message is worded in (after fallback). */
  language: string;
  dir: 'ltr' | 'rtl';
  subject: string;
  text: string;
  html: string;
}

type Value = string | number | Money;
/** A value already turned into HTML; intl-messageformat hands it back as an object part, untouched. */
type Html = { html: string };

/** The named date formats, each shown in the customer's zone (the catalogue may use no other). */
function zonedFormats(timeZone: string): Partial<Formats> {
  const day: Intl.DateTimeFormatOptions = { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone };
  const date: Record<DateStyle, Intl.DateTimeFormatOptions> = { day, moment: { ...day, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } };
  return { date };
}

/** The arguments for one message: as plain text, or (html) with every text value escaped and links made links. */
function argumentsFor(kinds: Record<string, ValueKind>, values: Record<string, Value>, locale: string, html: boolean): Record<string, string | number | Html> {
  const args: Record<string, string | number | Html> = {};
  for (const [name, kind] of Object.entries(kinds)) {
    const value = values[name]!;
    if (kind === 'money') {
      const shown = formatMoney(value as Money, locale);
      args[name] = html ? { html: escapeHtml(shown) } : shown;
    } else if (kind === 'text') args[name] = html ? { html: htmlValue(value as string) } : (value as string);
    else if (kind === 'url') args[name] = html ? { html: htmlLink(value as string) } : (value as string);
    else args[name] = value as string | number; // instants and choices: only ICU itself uses them
  }
  return args;
}

interface Renderer {
  text(key: string): string;
  /** HTML with each line break of the wording kept as "\n" (paragraphs are cut there); values' own breaks are <br>. */
  html(key: string): string;
}

function renderer(catalog: MessageCatalog, to: MessageRecipient, kinds: Record<string, ValueKind>, values: Record<string, Value>): Renderer {
  const chain = languageChain(to.language, catalog.languages);
  const formats = zonedFormats(IANAZone.isValidZone(to.timeZone) ? to.timeZone : 'UTC');
  const parts = (key: string, html: boolean) => {
    const { language, ast } = catalog.message(chain, key);
    const locale = formattingLocale(to.language, language);
    const format = new IntlMessageFormat(ast as MessageFormatElement[], locale, formats);
    return format.formatToParts<Html>(argumentsFor(kinds, values, locale, html));
  };
  return {
    text: (key) => parts(key, false).map((p) => String(p.value)).join(''),
    html: (key) => parts(key, true).map((p) => (p.type === PART_TYPE.object ? p.value.html : escapeHtml(p.value))).join(''),
  };
}

const paragraphsOf = (html: string): string[] => html.split(/\n{2,}/).map((p) => p.trim().replace(/\n/g, '<br>')).filter(Boolean);

/** Renders one template for one recipient and ticket; `values` are the template's own (see TEMPLATE_VALUES). */
export function renderMessage<T extends MessageTemplate>(
  catalog: MessageCatalog,
  template: T,
  to: MessageRecipient,
  ticket: TicketReference,
  values: TemplateValues<T>,
): RenderedMessage {
  const name = oneLine(to.name);
  const common = { name, hasName: name ? 'yes' : 'no', ticketSubject: oneLine(ticket.ticketSubject), queryCode: ticket.queryCode, trackingUrl: ticket.trackingUrl };
  const kinds: Record<string, ValueKind> = { ...COMMON_VALUES, ...TEMPLATE_VALUES[template] };
  const render = renderer(catalog, to, kinds, { ...common, ...(values as Record<string, Value>) });
  const language = languageChain(to.language, catalog.languages)[0]!;
  const dir = textDirection(language);
  const greets = GREETS[template];
  const subject = oneLine(render.text(`${template}.subject`));
  const text = [...(greets ? [render.text('common.greeting'), ''] : []), render.text(`${template}.body`), '', '--', render.text('common.footer')].join('\n');
  const paragraphs = [...(greets ? [render.html('common.greeting')] : []), ...paragraphsOf(render.html(`${template}.body`))];
  const html = htmlDocument({ language, dir, title: subject, paragraphs, footer: paragraphsOf(render.html('common.footer')).join('<br>') });
  return { language, dir, subject, text, html };
}
