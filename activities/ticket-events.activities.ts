import { PRIORITIES } from '../domain/ticket';
import { secondsSince } from '../metrics/registry';
import type { ActivityDeps } from './deps';
import { EVENT_VISIBILITY, type TicketEvent } from '../domain/ticket-events';
import type { TaskSnapshot, TicketSnapshot } from '../domain/ticket-snapshot';
import { isDuplicateKeyError, onlyDuplicateKeys } from '../models/mongo-errors';
import { TaskModel } from '../models/task.model';
import { TicketEventModel } from '../models/ticket-event.model';
import { TicketModel, type PublicTimelineEntry } from '../models/ticket.model';

/** Public events kept on the ticket document; the tracking API pages older ones from the events collection. */
export const PUBLIC_TIMELINE_KEPT = 50;

/** One recorded event and the read-model snapshot of the ticket right after it. */
export interface RecordedEvent {
  event: TicketEvent;
  snapshot: TicketSnapshot;
}

const eventId = (event: TicketEvent): string => `${event.ticketId}:${event.seq}`;

/** Stores events once each (`_id` = ticket id + seq); a retry finds them stored. Returns the ones this call inserted. */
async function insertEvents(entries: RecordedEvent[]): Promise<TicketEvent[]> {
  const docs = entries.map(({ event }) => ({
    _id: eventId(event),
    ticketId: event.ticketId,
    seq: event.seq,
    type: event.type,
    visibility: EVENT_VISIBILITY[event.type],
    at: new Date(event.atMs),
    actor: event.actor,
    data: event.data,
  }));
  try {
    await TicketEventModel.insertMany(docs, { ordered: false });
    return entries.map((e) => e.event);
  } catch (err) {
    if (!onlyDuplicateKeys(err)) throw err;
    // A retry: mongoose lists what this call inserted (none when it cannot tell), so no event is counted twice.
    const inserted = new Set(((err as { insertedDocs?: Array<{ _id: string }> }).insertedDocs ?? []).map((d) => d._id));
    return entries.map((e) => e.event).filter((event) => inserted.has(eventId(event)));
  }
}

/**
 * Upserts a task's inbox entry from a snapshot, in one round trip: the filter skips it when a newer event already
 * wrote it (the upsert then collides with the stored `_id` and is dropped).
 */
async function writeTask(event: TicketEvent, snapshot: TicketSnapshot, task: TaskSnapshot): Promise<void> {
  const dueAtMs = snapshot.sla.firstResponse?.status === 'running' ? snapshot.sla.firstResponse.dueAtMs : (snapshot.sla.resolution?.dueAtMs ?? null);
  const fields = {
    ticketId: event.ticketId,
    stepId: task.stepId,
    title: task.title,
    departmentId: task.departmentId,
    assigneeId: task.assigneeId,
    status: task.status,
    outcome: task.outcome,
    allowedOutcomes: task.allowedOutcomes,
    priority: snapshot.priority,
    priorityRank: PRIORITIES.indexOf(snapshot.priority),
    dueAtMs,
    lastEventSeq: event.seq,
    updatedAt: new Date(event.atMs),
  };
  try {
    await TaskModel.updateOne(
      { _id: task.taskId, lastEventSeq: { $lt: event.seq } },
      { $set: fields, $setOnInsert: { createdAt: new Date(task.createdAtMs) } },
      { upsert: true },
    );
  } catch (err) {
    // A newer event wrote the task already (or, on FerretDB, a concurrent upsert of the same _id won).
    if (!isDuplicateKeyError(err)) throw err;
  }
}

function publicEntry({ event }: RecordedEvent): PublicTimelineEntry {
  const body = typeof event.data.body === 'string' ? { body: event.data.body } : {};
  return { seq: event.seq, type: event.type, at: new Date(event.atMs), data: body };
}

/** The tasks a snapshot shows: the ticket's task, or a parallel step's branch tasks. */
function snapshotTasks(snapshot: TicketSnapshot): TaskSnapshot[] {
  return [...(snapshot.task ? [snapshot.task] : []), ...(snapshot.tasks ?? [])];
}

/** Applies the batch's last snapshot to the ticket, unless a newer one is stored; keeps the latest public events. */
async function writeTicket(entries: RecordedEvent[]): Promise<void> {
  const last = entries[entries.length - 1]!;
  const { ticketId, seq } = last.event;
  const published = entries.filter((e) => EVENT_VISIBILITY[e.event.type] === 'public').map(publicEntry);
  let publicTimeline: PublicTimelineEntry[] | undefined;
  if (published.length > 0) {
    // Trimmed here rather than with $push/$slice, which FerretDB ignores; a ticket's event writes are serial.
    const stored = await TicketModel.findById(ticketId, { lastEventSeq: 1, publicTimeline: 1 }).lean();
    if (!stored || stored.lastEventSeq >= seq) return;
    const kept = stored.publicTimeline ?? [];
    const known = new Set(kept.map((p) => p.seq));
    publicTimeline = [...kept, ...published.filter((p) => !known.has(p.seq))].slice(-PUBLIC_TIMELINE_KEPT);
  }
  // Departments that held a task or were asked to approve: their agents keep read access.
  const departments = [
    ...new Set(
      entries.flatMap((e) => [
        ...snapshotTasks(e.snapshot).map((t) => t.departmentId),
        ...(e.snapshot.approvals ?? []).flatMap((a) => a.levels.filter((l) => l.status !== 'waiting').map((l) => l.departmentId)),
      ]),
    ),
  ];
  await TicketModel.updateOne(
    { _id: ticketId, lastEventSeq: { $lt: seq } },
    {
      // `intake: 'started'` too: FerretDB writes a whole document back after reading it, so this write could overlap a
      // release 0.1.0 intake's own mark and put back the 'pending' it read; a running workflow means intake started.
      $set: { ...last.snapshot, intake: 'started', lastEventSeq: seq, updatedAt: new Date(last.event.atMs), ...(publicTimeline ? { publicTimeline } : {}) },
      ...(departments.length > 0 ? { $addToSet: { departmentIds: { $each: departments } } } : {}),
    },
  );
}

/**
 * Stores a batch of one ticket's events and brings its read model up to the last of them: every event once, the inbox
 * entry of each task the batch touched, then the ticket (a ticket that shows a task never points at an inbox that
 * lacks it). Snapshots are whole states, applied only when newer than the stored one, so a retry is harmless.
 */
async function writeEvents(entries: RecordedEvent[], metrics: ActivityDeps['metrics']): Promise<void> {
  metrics.countStored(await insertEvents(entries));
  const lastPerTask = new Map<string, { entry: RecordedEvent; task: TaskSnapshot }>();
  for (const e of entries) for (const task of snapshotTasks(e.snapshot)) lastPerTask.set(task.taskId, { entry: e, task });
  for (const { entry, task } of lastPerTask.values()) await writeTask(entry.event, entry.snapshot, task);
  await writeTicket(entries);
}

/** Writes lifecycle events and keeps the ticket and task read models current. */
export function createTicketEventActivities({ metrics }: Pick<ActivityDeps, 'metrics'>) {
  /** Stores a batch of one ticket's events and its read model, timing the write. */
  async function recordTicketEvents(input: { entries: RecordedEvent[] }): Promise<void> {
    if (input.entries.length === 0) return;
    const started = process.hrtime.bigint();
    try {
      await writeEvents(input.entries, metrics);
    } catch (err) {
      metrics.observeWrite(secondsSince(started), 'failed');
      throw err;
    }
    metrics.observeWrite(secondsSince(started), 'stored');
  }
  return {
    recordTicketEvents,
    /** Release 0.1.0's single-event write, for its open runs. */
    recordTicketEvent: (input: RecordedEvent): Promise<void> => recordTicketEvents({ entries: [input] }),
  };
}
