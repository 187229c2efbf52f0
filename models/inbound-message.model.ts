import { Schema, model } from 'mongoose';
import type { Channel, InboundMedia, InboundSender } from '../domain/channels/channel';
import type { InboundAttachment, MailClassification } from '../domain/email/inbound-email';
import type { MailAuthentication } from '../domain/email/mail-authentication';

/**
 * What became of an inbound message: stored, then handed to a ticket (continued or opened), or ignored; `held`: an
 * e-mail whose From domain's DMARC says it did not send it, kept for a person and never routed or answered.
 */
export type InboundStatus = 'received' | 'routed' | 'ignored' | 'held';

/**
 * One message a customer sent on a channel, stored once: `_id` is "<channel id>:<platform message id>", so a
 * platform's retry, or two deliveries racing, find the one already stored (duplicate key) and add nothing.
 */
export interface InboundMessageDoc {
  _id: string;
  channelId: string;
  kind: Channel | 'email';
  platformMessageId: string;
  from: InboundSender;
  text?: string;
  media?: InboundMedia[];
  location?: { lat: number; lng: number; name?: string; address?: string };
  conversationId?: string;
  /** E-mail: the subject, the ticket its thread headers or subject name, attachments, and whether a machine wrote it. */
  subject?: string;
  threadTicketId?: string;
  threadQueryCode?: string;
  attachments?: InboundAttachment[];
  classification?: MailClassification;
  /** E-mail: phone numbers the sender wrote (a signature's), for merge suggestions only. */
  phones?: string[];
  /** E-mail: SPF/DKIM/DMARC verdicts (absent: not checked, never counted as authenticated). */
  authentication?: MailAuthentication;
  /** When the customer sent it (the platform's time) and when we stored it. */
  sentAt: Date;
  receivedAt: Date;
  status: InboundStatus;
  ticketId?: string;
  /** How it reached the ticket: continued an open one, opened a new one, or (only a query code) was answered with its status. */
  routed?: 'continued' | 'opened' | 'status';
  /** Only a query code: the ticket whose status was answered (the message is not on that ticket). */
  statusOfTicketId?: string;
  routedAt?: Date;
}

const InboundMessageSchema = new Schema<InboundMessageDoc>(
  {
    _id: { type: String, required: true },
    channelId: { type: String, required: true },
    kind: { type: String, required: true },
    platformMessageId: { type: String, required: true },
    from: { type: Schema.Types.Mixed, required: true },
    text: { type: String },
    media: { type: Schema.Types.Mixed },
    location: { type: Schema.Types.Mixed },
    conversationId: { type: String },
    subject: { type: String },
    threadTicketId: { type: String },
    threadQueryCode: { type: String },
    attachments: { type: Schema.Types.Mixed },
    classification: { type: Schema.Types.Mixed },
    phones: { type: [String], default: undefined },
    authentication: { type: Schema.Types.Mixed },
    sentAt: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
    status: { type: String, required: true },
    ticketId: { type: String },
    routed: { type: String },
    statusOfTicketId: { type: String },
    routedAt: { type: Date },
  },
  { versionKey: false },
);

// A ticket's messages from channels (its timeline) and the sweep of messages stored but never routed.
InboundMessageSchema.index({ ticketId: 1, sentAt: 1 });
InboundMessageSchema.index({ status: 1, receivedAt: 1 });

export const InboundMessageModel = model<InboundMessageDoc>('InboundMessage', InboundMessageSchema, 'inbound_messages');

/** The stored id of a platform message received on a channel. */
export function inboundId(channelId: string, platformMessageId: string): string {
  return `${channelId}:${platformMessageId}`;
}
