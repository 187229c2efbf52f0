/** The tasks staff can act on now: one task, or every branch's task while a parallel step runs. */
import type { TaskState, TicketState } from './ticket-state';

/** Every branch's current task (finished ones included) while a parallel step runs, else the ticket's task. */
export function currentTasks(s: TicketState): TaskState[] {
  if (s.parallel) return s.parallel.branches.flatMap((b) => (b.task ? [b.task] : []));
  return s.task ? [s.task] : [];
}

/** The current task with this id, if there is one. */
export function findCurrentTask(s: TicketState, taskId: string): TaskState | undefined {
  return currentTasks(s).find((t) => t.taskId === taskId);
}

/** The tasks an escalation acts on: a parallel step's unfinished branch tasks, else the ticket's task. */
export function escalatedTasks(s: TicketState): TaskState[] {
  return s.parallel ? currentTasks(s).filter((t) => t.status !== 'done') : currentTasks(s);
}
