import { pickAssignee } from '../domain/routing';
import { retryOnDuplicateKey } from '../models/mongo-errors';
import { RoutingCursorModel, TaskAssignmentModel } from '../models/task-assignment.model';
import { requireDepartment } from './configuration';

export interface AssignTaskInput {
  /** Business key of this routing decision ("<taskId>:initial", "<taskId>:escalation:…"). */
  assignmentKey: string;
  departmentId: string;
  requiredSkills: string[];
  language: string;
  atMs: number;
}

/** Moves a department's round-robin cursor on by one. */
function advanceCursor(departmentId: string) {
  return retryOnDuplicateKey(() => RoutingCursorModel.findOneAndUpdate({ _id: departmentId }, { $inc: { cursor: 1 } }, { upsert: true, new: true }).lean());
}

/** Routes a task to a member of its department; null leaves it in the department queue. */
export async function assignTask(input: AssignTaskInput): Promise<{ memberId: string | null }> {
  const existing = await TaskAssignmentModel.findById(input.assignmentKey).lean();
  if (existing) return { memberId: existing.memberId };
  const department = await requireDepartment(input.departmentId);
  const cursorDoc = await advanceCursor(input.departmentId);
  const cursor = (cursorDoc?.cursor ?? 1) - 1;
  const { memberId } = pickAssignee({
    members: department.members,
    requiredSkills: input.requiredSkills,
    language: input.language,
    atMs: input.atMs,
    cursor,
  });
  // First decision wins: a concurrent retry that raced us reads the stored one.
  const stored = await retryOnDuplicateKey(() =>
    TaskAssignmentModel.findOneAndUpdate(
      { _id: input.assignmentKey },
      { $setOnInsert: { memberId, departmentId: input.departmentId, createdAt: new Date() } },
      { upsert: true, new: true },
    ).lean(),
  );
  return { memberId: stored?.memberId ?? memberId };
}

/** Task routing activities. */
export function createAssignmentActivities() {
  return { assignTask };
}
