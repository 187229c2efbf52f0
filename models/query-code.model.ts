import { Schema, model } from 'mongoose';

/**
 * Query-code hash → ticket. Tracking looks codes up by `_id` only: an `_id` equality is the one filter FerretDB pushes
 * down to SQLite (any other field is a full scan), and on MongoDB it is the primary index.
 */
export interface QueryCodeDoc {
  _id: string; // HMAC of the canonical code; the code itself is never stored
  ticketId: string;
  /** The intake request, for the moment between the 201 and the workflow writing the ticket. */
  intakeId?: string;
}

const QueryCodeSchema = new Schema<QueryCodeDoc>(
  { _id: { type: String, required: true }, ticketId: { type: String, required: true }, intakeId: { type: String } },
  { versionKey: false },
);

export const QueryCodeModel = model<QueryCodeDoc>('QueryCode', QueryCodeSchema, 'query_codes');
