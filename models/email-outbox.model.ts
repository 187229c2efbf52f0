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
// The outbox backlog metric: counts of the entries not sent yet, on every scrape (sent ones are the bulk).
EmailOutboxSchema.index({ state: 1 });

export const EmailOutboxModel = model<EmailOutboxDoc>('EmailOutbox', EmailOutboxSchema, 'email_outbox');

/** States of entries still to be sent: waiting for an attempt, or held by one. */
export const UNSENT_STATES = ['pending', 'sending'] as const;
export type UnsentState = (typeof UNSENT_STATES)[number];

/** How many outbox entries are in each unsent state. */
export async function countUnsentEmails(): Promise<Record<UnsentState, number>> {
  const counts = await Promise.all(UNSENT_STATES.map(async (state) => [state, await EmailOutboxModel.countDocuments({ state })] as const));
  return Object.fromEntries(counts) as Record<UnsentState, number>;
}
