/** `npm run bench -- --only tracking`: intake to issue the codes, then the tracking scenario alone, with the machine and its load. */
import os from 'node:os';
import { measureIntake } from './intake';
import { describeMachine, machineLine } from './machine';
import type { BenchPlan } from './measure';
import { tasksAtLeast } from './memory';
import type { BenchServers } from './servers';
import { formatTracking } from './tracking-report';
import { measureTrackingScenario } from './tracking-scenario';
import type { WorkerProcess } from './worker-process';

/** Issues `plan.start.count` codes, waits for the worker's backlog, measures tracking; returns the report as Markdown. */
export async function measureTrackingOnly(s: BenchServers, worker: WorkerProcess, plan: BenchPlan): Promise<string> {
  const codes: string[] = [];
  const intake = await measureIntake(s.baseUrl, plan.start, codes);
  plan.log(`intake: ${codes.length} codes issued at ${intake.perSecond.toFixed(1)}/s; waiting for the worker to open their tasks`);
  await tasksAtLeast(codes.length, 600_000, worker);
  const loadBefore = os.loadavg();
  const tracking = await measureTrackingScenario(s, plan.track, codes, plan.log);
  const loadAfter = os.loadavg();
  const database = s.stack.started.find((name) => name !== 'Temporal dev server') ?? 'MONGODB_URI';
  const machine = await describeMachine(s.client, s.stack.started.includes('Temporal dev server'), plan.loadAtStart, database);
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  return [
    `### Tracking on ${database}`,
    '',
    `Machine: ${machineLine(machine)}`,
    `Load average (1/5/15 min): ${load(loadBefore)} before the tracking lookups, ${load(loadAfter)} after`,
    '',
    formatTracking(tracking),
  ].join('\n');
}
