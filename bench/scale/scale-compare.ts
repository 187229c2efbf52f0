/** Intake and the lifecycle (201 → first task) with one worker and one API process, then with two of each. */
import { startWorkerProcess, type WorkerProcess } from '../worker-process';
import { startApiProcess, type ApiProcess } from '../api-process';
import { openAndAwaitTasks, openedLine, type OpenedTickets } from './open-and-await';
import type { ScaleContext } from './scale-context';
import { BACKGROUND_REGIONS } from './scale-regions';

export interface ProcessComparison {
  tickets: number;
  one: OpenedTickets;
  two: OpenedTickets;
  /** Two processes each ÷ one: intake per second, tickets per second from 201 to first task. */
  ratios: { intake: number; lifecycle: number };
}

const HOUR = 3_600_000;

/** Runs both sides on the same servers, one after the other; the second worker and API process stop afterwards. */
export async function compareProcesses(ctx: ScaleContext, offset: number): Promise<ProcessComparison> {
  const n = ctx.options.compareTickets;
  const run = { count: n, concurrency: ctx.options.concurrency, regionOf: (i: number) => BACKGROUND_REGIONS[i % BACKGROUND_REGIONS.length]!.id };
  ctx.log(`1 worker + 1 API process: ${n} tickets`);
  const one = await openAndAwaitTasks({ ...run, apis: [ctx.api.url], offset }, ctx.worker, HOUR);
  ctx.log(`1 + 1: ${openedLine(one)}`);
  let worker2: WorkerProcess | undefined;
  let api2: ApiProcess | undefined;
  try {
    ctx.log('starting a second worker process and a second API process');
    [worker2, api2] = await Promise.all([startWorkerProcess(ctx.workerEnv, ctx.bundlePath), startApiProcess(ctx.servers.env)]);
    const two = await openAndAwaitTasks({ ...run, apis: [ctx.api.url, api2.url], offset: offset + n }, ctx.worker, HOUR);
    ctx.log(`2 + 2: ${openedLine(two)}`);
    return { tickets: n, one, two, ratios: { intake: two.intake.perSecond / one.intake.perSecond, lifecycle: two.lifecyclePerSecond / one.lifecyclePerSecond } };
  } finally {
    await Promise.all([worker2?.stop(), api2?.stop()]);
  }
}
