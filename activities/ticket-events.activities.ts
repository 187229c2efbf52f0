import { PRIORITIES } from '../domain/ticket';
import { EVENT_VISIBILITY, type TicketEvent } from '../domain/ticket-events';
import type { TaskSnapshot, TicketSnapshot } from '../domain/ticket-snapshot';
import { isDuplicateKeyError } from '../models/mongo-errors';
import { TaskModel } from '../models/task.model';
import { TicketEventModel } from '../models/ticket-event.model';
import { TicketModel } from '../models/ticket.model';

/** Public events kept on the ticket document; the tracking API pages older ones from the events collection. */
export const PUBLIC_TIMELINE_KEPT = 50;

/** Upserts the task's inbox entry from the snapshot, unless a newer event already wrote it. */
async function writeTask(event: TicketEvent, snapshot: TicketSnapshot, task: TaskSnapshot): Promise<void> {
  const at = new Date(event.atMs);
  const dueAtMs = snapshot.sla.firstResponse?.status === 'running' ? snapshot.sla.firstResponse.dueAtMs : snapshot.sla.resolution?.dueAtMs ?? null;
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
    updatedAt: at,
  };
  const storedTask = await TaskModel.findById(task.taskId, { lastEventSeq: 1 }).lean();
  if (storedTask && storedTask.lastEventSeq >= event.seq) return;
  try {
    await TaskModel.updateOne({ _id: task.taskId }, { $set: fields, $setOnInsert: { createdAt: new Date(task.createdAtMs) } }, { upsert: true });
  } catch (err) {
    // FerretDB answers two concurrent upserts of one _id with E11000; the other writer stored the task.
    if (!isDuplicateKeyError(err)) throw err;
  }
}

/** Writes lifecycle events and keeps the ticket and task read models current. */
export function createTicketEventActivities() {
  return {
    /**
     * Stores one event exactly once (by ticket id + seq) and applies the snapshot that came with it.
     * Snapshots are whole states, applied only if newer than the stored one, so a retry is harmless. The workflow
     * sends a ticket's events one at a time, which makes the read-then-write by `_id` safe; `_id`-only filters are
     * also the only ones FerretDB pushes down to SQLite (a compound filter scans the whole collection).
     */
    async recordTicketEvent(input: { event: TicketEvent; snapshot: TicketSnapshot }): Promise<void> {
      const { event, snapshot } = input;
      const at = new Date(event.atMs);
      try {
        await TicketEventModel.create({
          _id: `${event.ticketId}:${event.seq}`,
          ticketId: event.ticketId,
          seq: event.seq,
          type: event.type,
          visibility: EVENT_VISIBILITY[event.type],
          at,
          actor: event.actor,
          data: event.data,
        });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      // The task first, then the ticket: a ticket that shows a task never points at an inbox that lacks it.
      if (snapshot.task) await writeTask(event, snapshot, snapshot.task);
      const stored = await TicketModel.findById(event.ticketId, { lastEventSeq: 1, publicTimeline: 1 }).lean();
      if (stored && stored.lastEventSeq < event.seq) {
        const visible = EVENT_VISIBILITY[event.type] === 'public';
        const body = typeof event.data.body === 'string' ? { body: event.data.body } : {};
        // Tracking reads one document: the latest public events live on the ticket, older ones are paged from events.
        // Trimmed here rather than with $push/$slice, which FerretDB ignores; event writes of a ticket are serial.
        const publicTimeline = visible ? [...(stored.publicTimeline ?? []), { seq: event.seq, type: event.type, at, data: body }].slice(-PUBLIC_TIMELINE_KEPT) : undefined;
        await TicketModel.updateOne(
          { _id: event.ticketId },
          {
            $set: { ...snapshot, lastEventSeq: event.seq, updatedAt: at, ...(publicTimeline ? { publicTimeline } : {}) },
            ...(snapshot.task ? { $addToSet: { departmentIds: snapshot.task.departmentId } } : {}),
          },
        );
      }
    },
  };
}
