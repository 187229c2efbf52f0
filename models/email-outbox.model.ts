import { Schema, model } from 'mongoose';

/** One outgoing e-mail per business key: a retried activity finds it and never sends twice. */
export interface EmailOutboxDoc {
  _id: string; // business key, e.g. "T1:escalation:firstResponse:1:0:assignee"
  messageId: string; // RFC 5322 Message-ID we set, reused on retry
  state: 'pending' | 'sent';
  purpose: string;
  ticketId: string;
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
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
  },
  { versionKey: false },
);

// Ticket view / audits: the mails sent about one ticket.
EmailOutboxSchema.index({ ticketId: 1 });

export const EmailOutboxModel = model<EmailOutboxDoc>('EmailOutbox', EmailOutboxSchema, 'email_outbox');
