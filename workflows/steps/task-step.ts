/**
 * Opening a department task: the assignment activity picks a member, the task gets the ticket's next task id, and its
 * `task.created` event is recorded. A task step opens one; a parallel step opens one per branch.
 */
import { planning } from '../activity-options';
import { recordAhead, SYSTEM } from '../ticket-recorder';
import type { TaskState, TicketState } from '../ticket-state';
import { untilConfigured, type ConfigurationChanges } from '../until-configured';

/** What a task is made from: a task step, or one task of a parallel step's branch. */
export interface TaskDefinition {
  stepId: string;
  branchId?: string;
  title: string;
  departmentId: string;
  requiredSkills: string[];
  outcomes: string[];
}

/** Assigns a new task (waiting for configuration if the department is missing); the caller decides where it lives. */
export async function assignNewTask(s: TicketState, def: TaskDefinition, configured: ConfigurationChanges): Promise<TaskState> {
  const taskId = `${s.ticketId}-${s.taskCounter + 1}`;
  const now = Date.now();
  const { memberId } = await untilConfigured(s, configured, () =>
    planning.assignTask({ assignmentKey: `${taskId}:initial`, departmentId: def.departmentId, requiredSkills: def.requiredSkills, language: s.plan!.language, atMs: now }),
  );
  s.taskCounter += 1;
  return {
    taskId,
    stepId: def.stepId,
    title: def.title,
    departmentId: def.departmentId,
    assigneeId: memberId,
    status: 'open',
    outcome: null,
    allowedOutcomes: def.outcomes,
    createdAtMs: now,
    requiredSkills: def.requiredSkills,
    ...(def.branchId ? { branchId: def.branchId } : {}),
  };
}

/** Records that a task was opened (the lifecycle need not wait for the write). */
export function recordTaskCreated(s: TicketState, task: TaskState): Promise<void> {
  const branch = task.branchId ? { branchId: task.branchId } : {};
  return recordAhead(s, 'task.created', SYSTEM, { taskId: task.taskId, stepId: task.stepId, ...branch, departmentId: task.departmentId, assigneeId: task.assigneeId });
}
