/**
 * A ticket's attachments: what its inbound messages listed (e-mail attachments, and messaging-channel media stored the
 * same way), and the content of one of them. Scoped by ticket: a hash is found only among the ticket's own messages,
 * so knowing a file's SHA-256 from another ticket opens nothing.
 */
import type { InboundAttachment } from '../../domain/email/inbound-email';
import { InboundAttachmentModel } from '../../models/inbound-attachment.model';
import { InboundMessageModel, type InboundMessageDoc } from '../../models/inbound-message.model';

/** One attachment as the ticket lists it: the file, the message that carried it, and whether its content is kept. */
export interface TicketAttachment extends InboundAttachment {
  messageId: string;
  channel: InboundMessageDoc['kind'];
  sentAt: Date;
}

/** Every attachment of the ticket's messages, oldest message first, in the order each message listed them. */
export async function listTicketAttachments(ticketId: string): Promise<TicketAttachment[]> {
  // The { ticketId, sentAt } index of inbound_messages serves this.
  const messages = await InboundMessageModel.find({ ticketId, 'attachments.0': { $exists: true } }, { kind: 1, sentAt: 1, attachments: 1 })
    .sort({ sentAt: 1, _id: 1 })
    .lean<Array<Pick<InboundMessageDoc, '_id' | 'kind' | 'sentAt' | 'attachments'>>>();
  return messages.flatMap((m) => (m.attachments ?? []).map((a) => ({ ...a, messageId: m._id, channel: m.kind, sentAt: m.sentAt })));
}

/** The content of a kept attachment of this ticket, with the name and type its message gave; null: not this ticket's. */
export async function loadTicketAttachment(ticketId: string, sha256: string): Promise<{ filename: string; contentType: string; data: Buffer } | null> {
  const message = await InboundMessageModel.findOne({ ticketId, 'attachments.sha256': sha256 }, { attachments: 1 }).lean<Pick<InboundMessageDoc, 'attachments'>>();
  const listed = message?.attachments?.find((a) => a.sha256 === sha256 && !a.skipped);
  if (!listed) return null;
  const stored = await InboundAttachmentModel.findById(sha256); // hydrated: `data` is a Buffer (lean gives BSON Binary)
  if (!stored) return null;
  return { filename: listed.filename, contentType: listed.contentType, data: Buffer.from(stored.data) };
}
