/**
 * A parallel step: every branch opens its first task at once; a branch moves to its next task when one is completed
 * and finishes after its last; the step ends (outcome `completed`) when every branch has finished.
 */
import { condition } from '@temporalio/workflow';
import type { ParallelStep } from '../../domain/processes/steps';
import { shouldContinueAsNew } from '../continue-as-new';
import { startStepClock } from '../sla-clocks';
import type { TicketState } from '../ticket-state';
import type { ConfigurationChanges } from '../until-configured';
import { assignNewTask, recordTaskCreated } from './task-step';

/** Opens the task each unfinished branch is on and lacks (all at entry; the next one after a completion). */
async function openBranchTasks(s: TicketState, step: ParallelStep, configured: ConfigurationChanges): Promise<void> {
  const run = s.parallel!;
  for (const b of run.branches) {
    if (b.done || b.task) continue;
    const def = step.branches.find((x) => x.id === b.branchId)!.tasks[b.index]!;
    b.task = await assignNewTask(s, { stepId: step.id, branchId: b.branchId, ...def }, configured);
    await recordTaskCreated(s, b.task);
  }
}

/** Enters a parallel step: its step clock (if it has a target) and every branch's first task. */
export async function enterParallel(s: TicketState, step: ParallelStep, configured: ConfigurationChanges): Promise<void> {
  const now = Date.now();
  s.parallel = { stepId: step.id, startedAtMs: now, branches: step.branches.map((b) => ({ branchId: b.id, index: 0, task: null, done: false })), lastDone: null };
  s.lastStepId = step.id; // a reopened ticket goes back to it
  if (step.sla) await startStepClock(s, step.sla.targetMinutes, now);
  await openBranchTasks(s, step, configured);
}

/**
 * One turn of a parallel step: waits for a branch task to be completed and moves its branch on. True when every
 * branch has finished; false when the ticket left the step's work (reopened, resolved elsewhere) or should continue
 * as new first.
 */
export async function workOnParallel(s: TicketState, step: ParallelStep, configured: ConfigurationChanges): Promise<boolean> {
  const run = s.parallel!;
  await openBranchTasks(s, step, configured); // after continue-as-new in the middle of opening
  await condition(() => run.branches.some((b) => !b.done && b.task?.status === 'done') || s.phase !== 'working' || s.parallel !== run || shouldContinueAsNew(s));
  if (s.phase !== 'working' || s.parallel !== run) return false;
  for (const b of run.branches) {
    if (b.done || b.task?.status !== 'done') continue;
    run.lastDone = b.task;
    const tasks = step.branches.find((x) => x.id === b.branchId)!.tasks;
    if (b.index + 1 < tasks.length) {
      b.index += 1;
      b.task = null;
    } else b.done = true;
  }
  await openBranchTasks(s, step, configured);
  return run.branches.every((b) => b.done);
}
