/** `npm run bench -- --only lifecycle`: the mixed lifecycle run alone on fresh servers, with the machine and its load. */
import { describeMachine, machineLine } from './machine';
import { measureLifecycle, type LifecycleResult } from './lifecycle';
import { formatLifecycle } from './lifecycle-report';
import type { BenchPlan } from './measure';
import type { BenchServers } from './servers';
import type { WorkerProcess } from './worker-process';

/** The lifecycle figures of one database, and their Markdown with the machine line. */
export interface LifecycleOnly {
  database: string;
  lifecycle: LifecycleResult;
  markdown: string;
}

/** Runs the lifecycle scenario only. */
export async function measureLifecycleOnly(s: BenchServers, _worker: WorkerProcess, plan: BenchPlan): Promise<LifecycleOnly> {
  await new Promise((r) => setTimeout(r, 2_000)); // pollers up
  const lifecycle = await measureLifecycle(s, plan.lifecycle, plan.log);
  const database = s.stack.started.find((name) => name !== 'Temporal dev server') ?? 'MONGODB_URI';
  const machine = await describeMachine(s.client, s.stack.started.includes('Temporal dev server'), plan.loadAtStart, database);
  const markdown = [`### Mixed lifecycle on ${database}`, '', `Machine: ${machineLine(machine)}`, '', formatLifecycle(lifecycle)].join('\n');
  return { database, lifecycle, markdown };
}
