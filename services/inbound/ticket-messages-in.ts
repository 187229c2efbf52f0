/**
 * The messages that reached a ticket from channels and e-mail, as staff read them beside the timeline (whose
 * `message.customer` events name them by `data.messageId`): when, on which channel, and for e-mail whether its sender
 * was proven (SPF/DKIM/DMARC).
 */
import type { MailAuthentication } from '../../domain/email/mail-authentication';
import { InboundMessageModel, type InboundMessageDoc } from '../../models/inbound-message.model';

/** One inbound message of a ticket, for the staff view. */
export interface TicketMessageIn {
  id: string;
  channel: InboundMessageDoc['kind'];
  sentAt: Date;
  routed: InboundMessageDoc['routed'] | null;
  attachments: number;
  authentication: MailAuthentication | null;
}

/** The ticket's latest inbound messages (at most `limit`, like the staff view's timeline page), oldest first. */
export async function ticketMessagesIn(ticketId: string, limit = 100): Promise<TicketMessageIn[]> {
  // The { ticketId, sentAt } index of inbound_messages serves this.
  const docs = await InboundMessageModel.find({ ticketId }, { kind: 1, sentAt: 1, routed: 1, attachments: 1, authentication: 1 })
    .sort({ sentAt: -1, _id: -1 })
    .limit(limit)
    .lean<Array<Pick<InboundMessageDoc, '_id' | 'kind' | 'sentAt' | 'routed' | 'attachments' | 'authentication'>>>();
  return docs.reverse().map((d) => ({ id: d._id, channel: d.kind, sentAt: d.sentAt, routed: d.routed ?? null, attachments: d.attachments?.length ?? 0, authentication: d.authentication ?? null }));
}
