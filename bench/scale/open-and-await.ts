/** Opens tickets through the API and waits until the worker has taken each one to its first task. */
import { tasksAtLeast } from '../memory';
import type { LoadResult } from '../load';
import type { WorkerProcess } from '../worker-process';
import { openTickets, type IntakeRun } from './scale-intake';
import { TaskModel } from '../../models/task.model';

export interface OpenedTickets {
  intake: LoadResult;
  /** From the first POST until every ticket of the run had its first task (201 → first task, whole batch). */
  lifecycleSeconds: number;
  lifecyclePerSecond: number;
  /** Seconds the worker still needed after the last 201. */
  catchUpSeconds: number;
}

/** Opens `run.count` tickets, then waits (up to `timeoutMs`) until the read model holds a task for every one of them. */
export async function openAndAwaitTasks(run: IntakeRun, worker: WorkerProcess, timeoutMs: number): Promise<OpenedTickets> {
  const before = await TaskModel.estimatedDocumentCount();
  const started = performance.now();
  const intake = await openTickets(run);
  const intakeDone = performance.now();
  await tasksAtLeast(before + run.count - intake.errors, timeoutMs, worker);
  const lifecycleSeconds = (performance.now() - started) / 1000;
  return {
    intake,
    lifecycleSeconds,
    lifecyclePerSecond: (run.count - intake.errors) / lifecycleSeconds,
    catchUpSeconds: (performance.now() - intakeDone) / 1000,
  };
}

/** One line for the log: intake rate and p50/p99, then the lifecycle's rate. */
export function openedLine(o: OpenedTickets): string {
  const i = o.intake;
  return `intake ${i.perSecond.toFixed(1)}/s (p50 ${i.p50Ms.toFixed(0)} ms, p99 ${i.p99Ms.toFixed(0)} ms, ${i.errors} errors), 201 → first task ${o.lifecyclePerSecond.toFixed(1)} tickets/s, worker caught up ${o.catchUpSeconds.toFixed(1)} s after the last 201`;
}
