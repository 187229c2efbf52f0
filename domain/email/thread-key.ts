/**
 * Which ticket an inbound mail continues. The thread headers come first: a reply to any of a ticket's mails names the
 * ticket's thread root in In-Reply-To or References (domain/messages/thread.ts). A mail written afresh (a new message
 * to support, a forward) can still carry the query code Meridian puts in every subject as `[MRD-…]`.
 */
import { ticketIdOfThreadRoot } from '../messages/thread';
import { normalizeQueryCode } from '../query-code';
import { messageIdsIn } from './mail-headers';

/** The ticket a mail continues, by thread headers or by query code; `none` opens a new ticket. */
export type ThreadKey = { kind: 'ticket'; ticketId: string } | { kind: 'query_code'; queryCode: string } | { kind: 'none' };

/** What threading reads from a mail: the raw header values and the decoded subject. */
export interface MailToThread {
  inReplyTo?: string;
  references?: string;
  subject: string;
}

/**
 * `MRD` and 12 code characters in groups of four, any case, spaced or dashed or not: `[MRD-7K3Q-9XZP-4F2M]` as Meridian
 * writes it, or typed by hand. The prefix is required: twelve letters in brackets are too often something else.
 */
const CODE_IN_TEXT = /\bMRD(?:[\s-]?[0-9A-Za-z]{4}){3}\b/gi;

function ticketFromHeaders(mail: MailToThread): string | null {
  // In-Reply-To names the mail answered; References lists the thread, most recent last.
  const ids = [...messageIdsIn(mail.inReplyTo), ...messageIdsIn(mail.references).reverse()];
  for (const id of ids) {
    const ticketId = ticketIdOfThreadRoot(id);
    if (ticketId) return ticketId;
  }
  return null;
}

/** The query code a subject carries, canonical, or null. */
export function queryCodeInSubject(subject: string): string | null {
  for (const candidate of subject.match(CODE_IN_TEXT) ?? []) {
    const code = normalizeQueryCode(candidate);
    if (code) return code;
  }
  return null;
}

/** The ticket an inbound mail continues: thread headers naming a ticket, else a query code in the subject, else none. */
export function threadKey(mail: MailToThread): ThreadKey {
  const ticketId = ticketFromHeaders(mail);
  if (ticketId) return { kind: 'ticket', ticketId };
  const queryCode = queryCodeInSubject(mail.subject);
  return queryCode ? { kind: 'query_code', queryCode } : { kind: 'none' };
}
