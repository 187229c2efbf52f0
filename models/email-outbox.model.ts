import { Schema, model } from 'mongoose';

/** One outgoing e-mail per business key: a retried activity finds it and never sends twice. */
export interface EmailOutboxDoc {
  _id: string; // business key, e.g. "T1:escalation:firstResponse:1:0:assignee"
  messageId: string; // RFC 5322 Message-ID we set, reused on retry
  /** pending → sending (an attempt holds the lease) → sent, or failed when the server refused it for good. */
  state: 'pending' | 'sending' | 'sent' | 'failed';
  purpose: string;
  ticketId: string;
  attempts: number;
  leaseUntil: Date | null;
  /** The server's refusal (contact data scrubbed) when failed. */
  failure: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

const EmailOutboxSchema = new Schema<EmailOutboxDoc>(
  {
    _id: { type: String, required: true },
    messageId: { type: String, required: true },
    state: { type: String, required: true },
    purpose: { type: String, required: true },
    ticketId: { type: String, required: true },
    attempts: { type: Number, default: 0 },
    leaseUntil: { type: Date, default: null },
    failure: { type: String, default: null },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
  },
  { versionKey: false },
);

// Ticket view / audits: the mails sent about one ticket.
EmailOutboxSchema.index({ ticketId: 1 });

export const EmailOutboxModel = model<EmailOutboxDoc>('EmailOutbox', EmailOutboxSchema, 'email_outbox');
