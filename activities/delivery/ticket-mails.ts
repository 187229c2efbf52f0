/** The e-mails a ticket sends: acknowledgement, an agent's reply, an information request, an alert to ops. */
import type { OutgoingMail } from '../deps';
import type { OutboundKind } from '../../domain/outbound-message';

export interface MailContext {
  from: string;
  ticketId: string;
  subject: string;
  customerName: string;
  queryCode: string;
  trackingUrl: string;
  staffUrl: string;
  /** The staff message (reply, information request) or the alert text. */
  body?: string;
}

type Mail = Omit<OutgoingMail, 'messageId' | 'to'>;

const CUSTOMER_HEADERS = (ticketId: string) => ({ 'Auto-Submitted': 'auto-replied', 'X-Meridian-Ticket': ticketId });

function followUp(c: MailContext): string[] {
  return ['', '--', `Your query code: ${c.queryCode}`, `Follow your request and reply here: ${c.trackingUrl}`];
}

const BUILDERS: Record<OutboundKind, (c: MailContext) => Mail> = {
  acknowledgement: (c) => ({
    from: c.from,
    subject: `We received your request: ${c.subject} [${c.queryCode}]`,
    text: [
      `Hello ${c.customerName},`,
      '',
      'Thank you for contacting us. Your request has been received and a member of our team will answer you.',
      `Keep your query code ${c.queryCode}: with it you can follow progress and reply at any time, without an account.`,
      ...followUp(c),
    ].join('\n'),
    headers: CUSTOMER_HEADERS(c.ticketId),
  }),
  'agent-reply': (c) => ({
    from: c.from,
    subject: `Re: ${c.subject} [${c.queryCode}]`,
    text: [c.body ?? '', ...followUp(c)].join('\n'),
    headers: CUSTOMER_HEADERS(c.ticketId),
  }),
  'info-request': (c) => ({
    from: c.from,
    subject: `We need a detail from you: ${c.subject} [${c.queryCode}]`,
    text: [c.body ?? '', '', 'Please answer on your tracking page; we have paused the clock on your request until you do.', ...followUp(c)].join('\n'),
    headers: CUSTOMER_HEADERS(c.ticketId),
  }),
  'ops-alert': (c) => ({
    from: c.from,
    subject: `[Meridian] Ticket ${c.ticketId} needs attention`,
    text: [c.body ?? 'A ticket needs attention.', '', `Open it: ${c.staffUrl}`].join('\n'),
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Meridian-Ticket': c.ticketId },
  }),
};

/** The mail of one outbound kind for one ticket. */
export function ticketMail(kind: OutboundKind, c: MailContext): Mail {
  return BUILDERS[kind](c);
}
