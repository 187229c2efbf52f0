/**
 * The e-mails a ticket sends: customer mails rendered from the message catalogue in the customer's language and zone,
 * threaded on the ticket's acknowledgement; alerts to ops in English.
 */
import type { MessageCatalog } from '../../domain/messages/catalog';
import { renderMessage, type MessageRecipient, type TicketReference } from '../../domain/messages/render';
import { threadReply, ticketThreadRoot } from '../../domain/messages/thread';
import { autoSubmitted, type MessageTemplate, type TemplateValues } from '../../domain/messages/templates';
import type { OutboundKind, OutboundMessage } from '../../domain/outbound-message';
import type { Channel } from '../../domain/ticket';
import type { OutgoingMail } from '../deps';

/** What a ticket's mails are built from (read by the delivery activity). */
export interface MailContext {
  from: string;
  ticketId: string;
  /** The channel that opened the ticket: an acknowledgement of an e-mail is an automatic reply to it. */
  channel: Channel;
  customer: MessageRecipient;
  ticket: TicketReference;
  staffUrl: string;
  /** The staff message (reply, information request) or the alert text. */
  body?: string;
  /** Values of process messages (approval outcome and reason, refunded amount, a reminder's instants). */
  values?: OutboundMessage['values'];
}

/** A mail as the outbox sends it: the Message-ID is the outbox's, unless the mail names its own (a thread root). */
export type TicketMail = Omit<OutgoingMail, 'messageId' | 'to'> & { messageId?: string };

/** One customer mail from a template: subject, text and HTML parts, threading and auto-reply headers. */
export function customerMail<T extends MessageTemplate>(catalog: MessageCatalog, template: T, c: MailContext, values: TemplateValues<T>): TicketMail {
  const rendered = renderMessage(catalog, template, c.customer, c.ticket, values);
  const automatic = autoSubmitted(template, c.channel);
  const headers: Record<string, string> = { 'X-Meridian-Ticket': c.ticketId, 'Content-Language': rendered.language };
  if (automatic) {
    headers['Auto-Submitted'] = automatic;
    headers['X-Auto-Response-Suppress'] = 'All'; // Exchange and Outlook ignore Auto-Submitted and read this instead
  }
  const threading = template === 'acknowledgement' ? { messageId: ticketThreadRoot(c.ticketId) } : threadReply(c.ticketId);
  return { from: c.from, subject: rendered.subject, text: rendered.text, html: rendered.html, headers, ...threading };
}

function opsAlert(c: MailContext): TicketMail {
  return {
    from: c.from,
    subject: `[Meridian] Ticket ${c.ticketId} needs attention`,
    text: [c.body ?? 'A ticket needs attention.', '', `Open it: ${c.staffUrl}`].join('\n'),
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Meridian-Ticket': c.ticketId },
  };
}

/** The mail of one outbound kind for one ticket. */
export function ticketMail(catalog: MessageCatalog, kind: OutboundKind, c: MailContext): TicketMail {
  const builders: Record<OutboundKind, () => TicketMail> = {
    acknowledgement: () => customerMail(catalog, 'acknowledgement', c, {}),
    'agent-reply': () => customerMail(catalog, 'agent-reply', c, { reply: c.body ?? '' }),
    'info-request': () => customerMail(catalog, 'info-request', c, { question: c.body ?? '' }),
    reminder: () => customerMail(catalog, 'reminder', c, { question: c.body ?? '', askedAt: c.values?.askedAtMs ?? 0, replyBy: c.values?.replyByMs ?? 0 }),
    'approval-outcome': () => customerMail(catalog, 'approval-outcome', c, { outcome: c.values?.outcome ?? 'approved', reason: c.values?.reason ?? '' }),
    survey: () => customerMail(catalog, 'survey', c, { surveyUrl: c.values?.surveyUrl ?? '' }),
    resolution: () => customerMail(catalog, 'resolution', c, { reopenUntil: c.values?.reopenUntilMs ?? 0 }),
    'refund-done': () => customerMail(catalog, 'refund-done', c, { amount: c.values?.amount ?? { minor: 0, currency: 'USD' } }),
    'ops-alert': () => opsAlert(c),
  };
  return builders[kind]();
}
