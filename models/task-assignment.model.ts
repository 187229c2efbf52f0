import { Schema, model } from 'mongoose';

/** The first routing decision for a task; a retried assignment returns it instead of picking again. */
export interface TaskAssignmentDoc {
  _id: string; // "<taskId>:<reason>" e.g. "T1:step-1:initial", "T1:step-1:escalation-2"
  memberId: string | null;
  departmentId: string;
  createdAt: Date;
}

const TaskAssignmentSchema = new Schema<TaskAssignmentDoc>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, default: null },
    departmentId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const TaskAssignmentModel = model<TaskAssignmentDoc>('TaskAssignment', TaskAssignmentSchema, 'task_assignments');

/** Round-robin position per department (`_id` = department id). */
export interface RoutingCursorDoc {
  _id: string;
  cursor: number;
}

export const RoutingCursorModel = model<RoutingCursorDoc>(
  'RoutingCursor',
  new Schema<RoutingCursorDoc>({ _id: { type: String, required: true }, cursor: { type: Number, default: 0 } }, { versionKey: false }),
  'routing_cursors',
);
