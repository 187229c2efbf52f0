import { PRIORITIES } from '../domain/ticket';
import { EVENT_VISIBILITY, type TicketEvent } from '../domain/ticket-events';
import type { TicketSnapshot } from '../domain/ticket-snapshot';
import { isDuplicateKeyError } from '../models/mongo-errors';
import { TaskModel } from '../models/task.model';
import { TicketEventModel } from '../models/ticket-event.model';
import { TicketModel } from '../models/ticket.model';

/** Writes lifecycle events and keeps the ticket and task read models current. */
export function createTicketEventActivities() {
  return {
    /**
     * Stores one event exactly once (by ticket id + seq) and applies the snapshot that came with it.
     * Snapshots are whole states, applied only if newer than the stored one, so retries and reordering are harmless.
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
      await TicketModel.updateOne(
        { _id: event.ticketId, lastEventSeq: { $lt: event.seq } },
        { $set: { ...snapshot, lastEventSeq: event.seq, updatedAt: at } },
      );
      const task = snapshot.task;
      if (!task) return;
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
      try {
        await TaskModel.updateOne(
          { _id: task.taskId, lastEventSeq: { $lt: event.seq } },
          { $set: fields, $setOnInsert: { createdAt: new Date(task.createdAtMs) } },
          { upsert: true },
        );
      } catch (err) {
        // A newer snapshot already wrote the task: the upsert's insert collided with it. Nothing to do.
        if (!isDuplicateKeyError(err)) throw err;
      }
    },
  };
}
