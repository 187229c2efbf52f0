import { Schema, model } from 'mongoose';

/**
 * One message to a customer through a messaging channel, sent at most once per business key: `batches` requests
 * (a long text is split by the platform's limits), `sent` of them done. `unconfirmed`: an attempt stopped in the
 * middle of a request to a platform that has no idempotency key (WhatsApp, Messenger, Instagram, Telegram); Meridian
 * does not send it again, the ticket says so.
 */
export interface ChannelOutboxDoc {
  _id: string;
  ticketId: string;
  channelId: string;
  purpose: string;
  state: 'pending' | 'sending' | 'sent' | 'failed' | 'unconfirmed';
  batches: number;
  sent: number;
  platformMessageIds: string[];
  attempts: number;
  leaseUntil: Date | null;
  failure: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** Whom it went to (the customer's platform id): Messenger's receipts name only them and a time. */
  recipient: string;
  /** The furthest the platform said it got (sent → delivered → read), or that it failed after all. */
  receipt: { status: 'sent' | 'delivered' | 'read' | 'failed'; atMs: number; error?: string } | null;
  /** WhatsApp outside the 24-hour window: the approved template sent instead of the text (absent: a text). */
  template?: { name: string; languageCode: string } | null;
}

const ChannelOutboxSchema = new Schema<ChannelOutboxDoc>(
  {
    _id: { type: String, required: true },
    ticketId: { type: String, required: true },
    channelId: { type: String, required: true },
    purpose: { type: String, required: true },
    state: { type: String, required: true },
    batches: { type: Number, required: true },
    sent: { type: Number, required: true },
    platformMessageIds: { type: [String], default: [] },
    attempts: { type: Number, required: true },
    leaseUntil: { type: Date, default: null },
    failure: { type: String, default: null },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    recipient: { type: String, required: true },
    receipt: { type: Schema.Types.Mixed, default: null },
    template: { type: Schema.Types.Mixed, default: null },
  },
  { versionKey: false },
);

// Delivery receipts name the platform's message id; the staff view lists a ticket's sends.
ChannelOutboxSchema.index({ platformMessageIds: 1 });
ChannelOutboxSchema.index({ ticketId: 1, createdAt: 1 });

export const ChannelOutboxModel = model<ChannelOutboxDoc>('ChannelOutbox', ChannelOutboxSchema, 'channel_outbox');

/** A ticket's sends through channels, oldest first (the staff view shows the latest 100). */
export async function ticketChannelSends(ticketId: string): Promise<ChannelOutboxDoc[]> {
  const latest = await ChannelOutboxModel.find({ ticketId }).sort({ createdAt: -1 }).limit(100).lean<ChannelOutboxDoc[]>();
  return latest.reverse();
}
