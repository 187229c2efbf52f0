import { Schema, model } from 'mongoose';

/** One intake request per idempotency key: a retried POST finds the ticket it already opened. */
export interface IntakeRequestDoc {
  _id: string; // HMAC of the Idempotency-Key header
  ticketId: string;
  fingerprint: string; // hash of the request body: the same key with another body is refused
  createdAt: Date;
}

const IntakeRequestSchema = new Schema<IntakeRequestDoc>(
  {
    _id: { type: String, required: true },
    ticketId: { type: String, required: true },
    fingerprint: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const IntakeRequestModel = model<IntakeRequestDoc>('IntakeRequest', IntakeRequestSchema, 'intake_requests');
