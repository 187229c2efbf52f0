/**
 * Records lifecycle events in order: each gets the next sequence number and a snapshot of the state after it. Writes
 * go out one batch at a time, in sequence order (a database that applies a conditional update as read-then-write, as
 * FerretDB does, could otherwise let an older snapshot overwrite a newer one); events recorded while a batch is being
 * written go out together in the next one, so a burst of events costs one write of the read model, not one each.
 */
import type { Actor, TicketEventType } from '../domain/ticket-events';
import { storage } from './activity-options';
import type { TicketState } from './ticket-state';
import { toSnapshot } from './ticket-views';

export const SYSTEM: Actor = { type: 'system', id: 'meridian' };

/** Events per write at most (one activity payload). */
const MAX_BATCH = 50;

type Entry = Parameters<typeof storage.recordTicketEvents>[0]['entries'][number];
interface Waiting {
  entry: Entry;
  stored: (seq: number) => void;
  failed: (err: unknown) => void;
}
interface WriteQueue {
  waiting: Waiting[];
  writing: boolean;
}

const queues = new WeakMap<TicketState, WriteQueue>();

function queueOf(s: TicketState): WriteQueue {
  let q = queues.get(s);
  if (!q) queues.set(s, (q = { waiting: [], writing: false }));
  return q;
}

async function drain(q: WriteQueue): Promise<void> {
  q.writing = true;
  while (q.waiting.length > 0) {
    const batch = q.waiting.splice(0, MAX_BATCH);
    try {
      await storage.recordTicketEvents({ entries: batch.map((w) => w.entry) });
      for (const w of batch) w.stored(w.entry.event.seq);
    } catch (err) {
      for (const w of batch) w.failed(err);
    }
  }
  q.writing = false;
}

/** Stores one event (exactly once, by ticket id + seq) with the read-model snapshot that goes with it. */
export function record(s: TicketState, type: TicketEventType, actor: Actor, data: Record<string, unknown> = {}): Promise<number> {
  s.seq += 1;
  const entry: Entry = { event: { ticketId: s.ticketId, seq: s.seq, type, atMs: Date.now(), actor, data }, snapshot: toSnapshot(s) };
  const q = queueOf(s);
  const stored = new Promise<number>((resolve, reject) => q.waiting.push({ entry, stored: resolve, failed: reject }));
  if (!q.writing) void drain(q);
  return stored;
}

/**
 * Records an event the lifecycle need not wait for: from release 0.3 the ticket goes on while it is written (writes
 * stay in order, and completion and continue-as-new wait for them); runs of earlier releases wait, as their
 * histories recorded.
 */
export async function recordAhead(s: TicketState, type: TicketEventType, actor: Actor, data: Record<string, unknown> = {}): Promise<void> {
  const stored = record(s, type, actor, data);
  if (!s.overlapWrites) await stored;
}

/** Whether every event recorded so far is stored: continue-as-new and completion wait for it. */
export function eventsStored(s: TicketState): boolean {
  const q = queues.get(s);
  return !q || (!q.writing && q.waiting.length === 0);
}
