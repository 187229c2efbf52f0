import { Schema, model } from 'mongoose';
import type { Priority } from '../domain/ticket';
import type { TaskSnapshot } from '../domain/ticket-snapshot';

/** A department task (one process step of one ticket), the unit of a department's inbox. */
export interface TaskDoc extends Omit<TaskSnapshot, 'taskId' | 'createdAtMs'> {
  _id: string;
  ticketId: string;
  priority: Priority;
  priorityRank: number;
  dueAtMs: number | null;
  lastEventSeq: number;
  createdAt: Date;
  updatedAt: Date;
}

const TaskSchema = new Schema<TaskDoc>(
  {
    _id: { type: String, required: true },
    ticketId: { type: String, required: true },
    stepId: { type: String, required: true },
    title: { type: String, required: true },
    departmentId: { type: String, required: true },
    assigneeId: { type: String, default: null },
    status: { type: String, required: true },
    outcome: { type: String, default: null },
    allowedOutcomes: { type: [String], default: [] },
    priority: { type: String, required: true },
    priorityRank: { type: Number, required: true },
    dueAtMs: { type: Number, default: null },
    lastEventSeq: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

// Department inbox: a department's tasks in one status, most urgent first (departmentInbox).
TaskSchema.index({ departmentId: 1, status: 1, priorityRank: -1, createdAt: 1 });
// Ticket view: the tasks of one ticket.
TaskSchema.index({ ticketId: 1 });

export const TaskModel = model<TaskDoc>('Task', TaskSchema, 'tasks');

/** The filter of a department inbox beyond its statuses: one assignee, unassigned tasks (null), or anyone's. */
export interface InboxOptions {
  statuses: readonly TaskDoc['status'][];
  assigneeId?: string | null;
  limit: number;
}

const mostUrgentFirst = (a: TaskDoc, b: TaskDoc) =>
  b.priorityRank - a.priorityRank || a.createdAt.getTime() - b.createdAt.getTime() || a._id.localeCompare(b._id);

/**
 * A department's tasks in the given statuses, most urgent first, at most `limit`. One equality query per status
 * rather than `status: { $in }`: FerretDB sends equality filters to PostgreSQL but filters `$in` itself, after
 * reading every task of the department, done ones included, which only ever grow.
 */
export async function departmentInbox(departmentId: string, { statuses, assigneeId, limit }: InboxOptions): Promise<TaskDoc[]> {
  const pages = await Promise.all(
    statuses.map((status) =>
      TaskModel.find({ departmentId, status, ...(assigneeId !== undefined ? { assigneeId } : {}) })
        .sort({ priorityRank: -1, createdAt: 1 })
        .limit(limit)
        .lean<TaskDoc[]>(),
    ),
  );
  return pages.flat().sort(mostUrgentFirst).slice(0, limit);
}
