/** Prints the results as a compact table and writes them as JSON to bench/results/latest.json. */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DbOpsRound } from './db-ops';
import type { DbProfile } from './db-profile';
import type { IntakeResult } from './intake';
import type { LifecycleResult } from './lifecycle';
import { formatLifecycle } from './lifecycle-report';
import type { LoadResult } from './load';
import { machineLine, type Machine } from './machine';
import type { MemoryResult } from './memory';
import type { PushdownRow } from './pushdown';
import { formatTracking } from './tracking-report';
import type { TrackingResults } from './tracking-scenario';

export interface IntakeRatios {
  intakeToCeilingThroughput: number;
  intakeToCeilingP50: number;
  intakeToCeilingP99: number;
}

export interface BenchResults {
  at: string;
  /** The embedded database this run used ("FerretDB on PostgreSQL", …). */
  database: string;
  dbOps: DbOpsRound[];
  pushdown: PushdownRow[];
  machine: Machine;
  trackRateLimitPerMinute: number;
  worker: { maxCachedWorkflows: number; reuseV8Context: boolean };
  /** Intake through the API in the bench's own process (it shares the load loop's thread). */
  intake: IntakeResult;
  /** Intake through the API in a process of its own, as Docker Compose runs it: the figure the ratios compare. */
  intakeApiProcess: IntakeResult;
  /** Signed WhatsApp deliveries → 200 (new customers; their tickets open after the answer), API in its own process. */
  webhooks: LoadResult;
  ceiling: LoadResult;
  /** How long the worker needed, after the last intake 201, to open a task on every ticket. */
  workerCatchUpSeconds: number;
  tracking: TrackingResults;
  /** Intake through the API process ÷ the ceiling; `inBenchProcess`: the same for the API in the bench's process. */
  ratios: IntakeRatios & { inBenchProcess: IntakeRatios };
  loadAtEnd: number;
  memory: MemoryResult;
  /** Database round trips of the API process over the whole run (the worker's are in memory.loaded.dbProfile). */
  apiDbProfile: DbProfile;
  /** The mixed lifecycle run (last, after the fill to N open tickets). */
  lifecycle: LifecycleResult;
  runtimeSeconds: number;
}

const f1 = (n: number) => n.toFixed(1);
const statuses = (byKey: Record<string, number>) =>
  Object.entries(byKey).map(([key, n]) => `${n}× ${key}`).join(', ') || 'none';
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

const retries = (r: IntakeResult) => `${r.retries} ${r.retries === 1 ? 'retry' : 'retries'} with the same Idempotency-Key after 5xx answers: ${statuses(r.retriedStatuses)}`;

function row(name: string, r: LoadResult): string {
  const cells = [String(r.count), String(r.concurrency), String(r.errors), f1(r.perSecond), f1(r.p50Ms), f1(r.p95Ms), f1(r.p99Ms)];
  return `| ${name.padEnd(40)} | ${cells.map((c) => c.padStart(7)).join(' | ')} |`;
}

function topCommands(profile: DbProfile, n = 6): string {
  const entries = Object.entries(profile).slice(0, n);
  return entries.map(([k, s]) => `\`${k}\` ${s.count}× ${(s.totalMs / s.count).toFixed(1)} ms`).join(', ');
}

/** The results as Markdown (the same text goes to stdout and into docs/bench.md). */
export function formatResults(r: BenchResults): string {
  const m = r.memory;
  const x = (n: number) => `${n.toFixed(2)}×`;
  return [
    `### ${r.database}`,
    '',
    `Machine: ${machineLine(r.machine)}`,
    '',
    `| ${'scenario'.padEnd(40)} | ${['count', 'conc.', 'errors', 'per s', 'p50 ms', 'p95 ms', 'p99 ms'].map((c) => c.padStart(7)).join(' | ')} |`,
    `|${'-'.repeat(42)}|${Array(7).fill('-'.repeat(8) + ':').join('|')}|`,
    row('intake: POST /api/tickets → 201', r.intake),
    row('intake, API in its own process', r.intakeApiProcess),
    row('webhooks: signed WhatsApp → 200', r.webhooks),
    row('ceiling: workflow.start (empty workflow)', r.ceiling),
    '',
    `- intake: ${retries(r.intake)}; API in its own process: ${retries(r.intakeApiProcess)} (included in the latencies)`,
    `- webhooks (API in its own process, a new customer per delivery, tickets opened after the 200) / intake in the same process: throughput ${x(r.webhooks.perSecond / r.intakeApiProcess.perSecond)}, p99 ${x(r.webhooks.p99Ms / r.intakeApiProcess.p99Ms)}`,
    `- worker caught up ${f1(r.workerCatchUpSeconds)} s after the last intake 201 (every ticket with its first task)`,
    `intake/ceiling: ${r.ratios.intakeToCeilingThroughput.toFixed(2)} (API in its own process; target ≥ 0.80; p99 ${x(r.ratios.intakeToCeilingP99)}, target ≤ 3×; ${r.intakeApiProcess.errors} errors)`,
    `- intake / ceiling, API in its own process: throughput ${x(r.ratios.intakeToCeilingThroughput)}, p50 ${x(r.ratios.intakeToCeilingP50)}, p99 ${x(r.ratios.intakeToCeilingP99)}`,
    `- intake / ceiling, API in the bench's process (it shares the load loop's thread): throughput ${x(r.ratios.inBenchProcess.intakeToCeilingThroughput)}, p50 ${x(r.ratios.inBenchProcess.intakeToCeilingP50)}, p99 ${x(r.ratios.inBenchProcess.intakeToCeilingP99)}`,
    `- worker (separate process, reuseV8Context ${r.worker.reuseV8Context}, maxCachedWorkflows ${r.worker.maxCachedWorkflows}), after GC:`,
    `  idle RSS ${mib(m.idle.rssBytes)}, main heap ${mib(m.idle.heapUsedBytes)}, workflow-thread heap ${mib(m.idle.workflowHeapBytes)};`,
    `  with ${m.openTickets} open tickets RSS ${mib(m.loaded.rssBytes)}, main heap ${mib(m.loaded.heapUsedBytes)}, workflow-thread heap ${mib(m.loaded.workflowHeapBytes)}`,
    `  → per open ticket: RSS ${m.perTicketKiB.rss} KiB, main heap ${m.perTicketKiB.heapUsed} KiB, workflow-thread heap ${m.perTicketKiB.workflowHeap} KiB`,
    `- worker warnings over the run: ${statuses(m.loaded.warnings.byMessage)}${m.loaded.warnings.activityErrors.map((e) => `; "${e}"`).join('')}`,
    `- worker throughput while filling: ${f1(m.workerTicketsPerSecond)} tickets/s from intake to first task created (fill intake ${f1(m.fillIntake.perSecond)}/s, p50 ${f1(m.fillIntake.p50Ms)} ms)`,
    `- database time by command (mean round trip), API: ${topCommands(r.apiDbProfile)}`,
    `- database time by command (mean round trip), worker: ${topCommands(m.loaded.dbProfile)}`,
    '',
    `Tracking: \`GET /api/track/{code}\` (TRACK_RATE_LIMIT_PER_MINUTE raised to ${r.trackRateLimitPerMinute} for the run: this measures the server, not the limiter)`,
    '',
    formatTracking(r.tracking),
    '',
    formatLifecycle(r.lifecycle),
    '',
    `- whole run: ${Math.round(r.runtimeSeconds)} s; 1-minute load average ${r.machine.loadAtStart.toFixed(2)} at start, ${r.loadAtEnd.toFixed(2)} at end`,
  ].join('\n');
}

/** Writes `bench/results/latest.json` (or `fileName`), one entry per database (gitignored; the README carries the tables). */
export async function writeResults(runs: object[], fileName = 'latest.json'): Promise<string> {
  const dir = path.join(__dirname, 'results');
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, fileName);
  await fs.writeFile(file, `${JSON.stringify(runs, null, 2)}\n`);
  return file;
}
