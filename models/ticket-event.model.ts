import { Schema, model } from 'mongoose';
import type { Actor, TicketEventType, Visibility } from '../domain/ticket-events';

/** A lifecycle event, stored once: `_id` is "<ticketId>:<seq>". */
export interface TicketEventDoc {
  _id: string;
  ticketId: string;
  seq: number;
  type: TicketEventType;
  visibility: Visibility;
  at: Date;
  actor: Actor;
  data: Record<string, unknown>;
}

const TicketEventSchema = new Schema<TicketEventDoc>(
  {
    _id: { type: String, required: true },
    ticketId: { type: String, required: true },
    seq: { type: Number, required: true },
    type: { type: String, required: true },
    visibility: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { type: Schema.Types.Mixed, required: true },
    data: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, minimize: false },
);

// Staff timeline and tracking: a ticket's events in order.
TicketEventSchema.index({ ticketId: 1, seq: 1 }, { unique: true });

export const TicketEventModel = model<TicketEventDoc>('TicketEvent', TicketEventSchema, 'ticket_events');
