/** Records lifecycle events in order: each gets the next sequence number and a snapshot of the state after it. */
import type { Actor, TicketEventType } from '../domain/ticket-events';
import { storage } from './activity-options';
import type { TicketState } from './ticket-state';
import { toSnapshot } from './ticket-views';

export const SYSTEM: Actor = { type: 'system', id: 'meridian' };

/**
 * The last pending write per ticket. Writes go out one at a time, in sequence order: a database that applies a
 * conditional update as read-then-write (FerretDB does) could otherwise let an older snapshot overwrite a newer one.
 */
const lastWrite = new WeakMap<TicketState, Promise<unknown>>();

/** Stores one event (exactly once, by ticket id + seq) with the read-model snapshot that goes with it. */
export function record(s: TicketState, type: TicketEventType, actor: Actor, data: Record<string, unknown> = {}): Promise<number> {
  s.seq += 1;
  const seq = s.seq;
  const input = { event: { ticketId: s.ticketId, seq, type, atMs: Date.now(), actor, data }, snapshot: toSnapshot(s) };
  const previous = lastWrite.get(s) ?? Promise.resolve();
  const write = previous.then(() => storage.recordTicketEvent(input)).then(() => seq);
  lastWrite.set(s, write.catch(() => undefined));
  return write;
}

/** Resolves when every event recorded so far is stored (before continue-as-new). */
export function allEventsStored(s: TicketState): Promise<unknown> {
  return lastWrite.get(s) ?? Promise.resolve();
}
