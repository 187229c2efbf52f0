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

/** One page of a ticket's events, oldest first, and the cursor for the page before it (null at the start). */
export interface EventPage {
  events: TicketEventDoc[];
  before: number | null;
}

/** The `limit` events of one ticket just before sequence `before` (the newest when absent), optionally public ones only. */
export async function ticketEventsPage(ticketId: string, options: { before?: number; limit: number; visibility?: Visibility }): Promise<EventPage> {
  const filter = {
    ticketId,
    ...(options.before !== undefined ? { seq: { $lt: options.before } } : {}),
    ...(options.visibility ? { visibility: options.visibility } : {}),
  };
  const newestFirst = await TicketEventModel.find(filter).sort({ seq: -1 }).limit(options.limit + 1).lean<TicketEventDoc[]>();
  const events = newestFirst.slice(0, options.limit).reverse();
  return { events, before: newestFirst.length > options.limit ? (events[0]?.seq ?? null) : null };
}
