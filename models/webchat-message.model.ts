import { Schema, model } from 'mongoose';

/**
 * One line of a web chat conversation as the widget shows it: a visitor's message (also stored in `inbound_messages`,
 * where it is routed to a ticket; `_id` is the same) or one of ours (`_id` is the send's platform message id in
 * `channel_outbox`, where its receipts go). Written once per id, so a resend or a repeated send adds nothing.
 */
export interface WebchatMessageDoc {
  _id: string;
  /** "<channel id>:<visitor id>" (domain/channels/webchat.ts). */
  conversation: string;
  from: 'visitor' | 'staff';
  text: string;
  /** The widget's own id of a visitor's message, so it can tell its pending copy from the stored one. */
  clientMessageId?: string;
  /** When Meridian stored it: the widget's cursor. */
  at: Date;
}

const WebchatMessageSchema = new Schema<WebchatMessageDoc>(
  {
    _id: { type: String, required: true },
    conversation: { type: String, required: true },
    from: { type: String, required: true },
    text: { type: String, required: true },
    clientMessageId: { type: String },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

// The widget's poll: one conversation's lines after its cursor (a top-level equality FerretDB pushes down).
WebchatMessageSchema.index({ conversation: 1, at: 1 });

export const WebchatMessageModel = model<WebchatMessageDoc>('WebchatMessage', WebchatMessageSchema, 'webchat_messages');
