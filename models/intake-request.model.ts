import type { Identity } from '../domain/customers/identity';
import { Schema, model } from 'mongoose';
import type { Channel } from '../domain/ticket';
import type { RefundRequest } from '../domain/ticket-case';

/** What a request to open a ticket said, kept until the ticket's workflow has admitted it. */
export interface StoredIntakeRequest {
  channel: Channel;
  subject: string;
  description: string;
  customer: { name: string; email?: string; phone?: string; regionId: string; timeZone?: string; language?: string; identities?: Identity[] };
  /** The refund asked for and the platform account concerned, when the request named them. */
  refund?: RefundRequest;
  accountId?: string;
}

/** What a request claimed about the person writing, as a ticket keeps it (unset fields left out). */
export function claimedContactOf({ name, language, timeZone }: StoredIntakeRequest['customer']) {
  return { name, ...(language ? { language } : {}), ...(timeZone ? { timeZone } : {}) };
}

/** One intake request per idempotency key: a retried POST finds the ticket it already opened. */
export interface IntakeRequestDoc {
  _id: string; // HMAC of the Idempotency-Key header
  ticketId: string;
  fingerprint: string; // hash of the request body: the same key with another body is refused
  /** The request itself: the workflow's first activity writes the customer and the ticket from it. */
  request?: StoredIntakeRequest;
  /** When the workflow wrote the ticket (null until then; absent on requests from before workflows admitted them). */
  admittedAt?: Date | null;
  createdAt: Date;
}

const IntakeRequestSchema = new Schema<IntakeRequestDoc>(
  {
    _id: { type: String, required: true },
    ticketId: { type: String, required: true },
    fingerprint: { type: String, required: true },
    request: { type: Schema.Types.Mixed },
    admittedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);

// The pending-intake sweeper: requests whose workflow never admitted them, oldest first.
IntakeRequestSchema.index({ admittedAt: 1, createdAt: 1 });

export const IntakeRequestModel = model<IntakeRequestDoc>('IntakeRequest', IntakeRequestSchema, 'intake_requests');
