/** Records lifecycle events in order: each gets the next sequence number and a snapshot of the state after it. */
import type { Actor, TicketEventType } from '../domain/ticket-events';
import { storage } from './activity-options';
import { toSnapshot, type TicketState } from './ticket-state';

export const SYSTEM: Actor = { type: 'system', id: 'meridian' };

/** Stores one event (exactly once, by ticket id + seq) and the read-model snapshot that goes with it. */
export async function record(s: TicketState, type: TicketEventType, actor: Actor, data: Record<string, unknown> = {}): Promise<number> {
  s.seq += 1;
  const seq = s.seq;
  await storage.recordTicketEvent({
    event: { ticketId: s.ticketId, seq, type, atMs: Date.now(), actor, data },
    snapshot: toSnapshot(s),
  });
  return seq;
}
