/** The measurement sequence of one bench run, on servers and a worker process that are already up. */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import mongoose from 'mongoose';
import { measureStartCeiling } from './ceiling';
import { grownRoundCount, measureDbOps, type DbOpsShape } from './db-ops';
import { measureIntake } from './intake';
import { measureWebhookIngest } from './webhooks';
import { measureLifecycle } from './lifecycle';
import type { LoadResult, LoadShape } from './load';
import { describeMachine } from './machine';
import { measureWorkerMemory, tasksAtLeast } from './memory';
import { explainHotPaths } from './pushdown';
import type { BenchResults, IntakeRatios } from './report';
import { RATE_LIMIT_PER_MINUTE, type BenchServers } from './servers';
import { measureTrackingScenario, type TrackingShape } from './tracking-scenario';
import type { WorkerProcess } from './worker-process';

export interface BenchPlan {
  dbOps: DbOpsShape;
  start: LoadShape;
  track: TrackingShape;
  openTickets: number;
  /** Tickets of the mixed lifecycle run, how many at once, unmeasured ones first. */
  lifecycle: LoadShape;
  startedAt: number;
  loadAtStart: number;
  log(line: string): void;
}

const summary = (r: LoadResult) => `${r.perSecond.toFixed(1)}/s, p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, ${r.errors} errors, ${r.seconds.toFixed(1)} s`;

function intakeRatios(intake: LoadResult, ceiling: LoadResult): IntakeRatios {
  return { intakeToCeilingThroughput: intake.perSecond / ceiling.perSecond, intakeToCeilingP50: intake.p50Ms / ceiling.p50Ms, intakeToCeilingP99: intake.p99Ms / ceiling.p99Ms };
}

/** Idle memory, database operations, ceiling, intake, worker catch-up, three kinds of lookups, the fill to N open tickets, the lifecycle run, pushdown. */
export async function measure(s: BenchServers, worker: WorkerProcess, plan: BenchPlan): Promise<BenchResults> {
  const phase = async <T extends LoadResult>(name: string, run: () => Promise<T>): Promise<T> => {
    plan.log(`${name} …`);
    const result = await run();
    plan.log(`${name}: ${summary(result)}`);
    return result;
  };
  await new Promise((r) => setTimeout(r, 2_000)); // pollers up, start-up garbage collectable
  const idle = await worker.memory();
  plan.log(`database operations: ${plan.dbOps.count} of each at ${plan.dbOps.count} documents, then ${grownRoundCount(plan.dbOps)} at ${plan.dbOps.grownTo} …`);
  // A client of its own, so the API's command profile shows the API's commands only.
  const client = await mongoose.mongo.MongoClient.connect(s.config.mongodb.uri);
  const opsDb = client.db(`bench_ops_${randomBytes(4).toString('hex')}`);
  const dbOps = await measureDbOps(opsDb, plan.dbOps);
  await opsDb.dropDatabase();
  for (const round of dbOps) plan.log(`database operations at ${round.docs} documents: ${Object.entries(round.ops).map(([op, r]) => `${op} ${r.perSecond.toFixed(0)}/s`).join(', ')}`);
  const ceiling = await phase('ceiling: workflow.start of emptyWorkflow', () => measureStartCeiling(s, plan.start));
  const codes: string[] = [];
  const intake = await phase('intake: POST /api/tickets', () => measureIntake(s.baseUrl, plan.start, codes));
  const intakeApiProcess = await phase('intake: POST /api/tickets, API in its own process', () => measureIntake(s.apiProcess.url, plan.start, codes));
  const webhooks = await phase('webhook ingest: signed WhatsApp deliveries → 200, API in its own process', () => measureWebhookIngest(s.config, s.apiProcess.url, plan.start, 'test-utc'));
  plan.log('waiting for the worker to open a task on every ticket, so lookups do not compete with its backlog');
  const drainStarted = performance.now();
  await tasksAtLeast(codes.length, 600_000, worker);
  const workerCatchUpSeconds = (performance.now() - drainStarted) / 1000;
  plan.log(`worker caught up ${workerCatchUpSeconds.toFixed(1)} s after the last 201`);
  const tracking = await measureTrackingScenario(s, plan.track, codes, plan.log);
  plan.log(`tracking, issued, repeated: ${summary(tracking.repeat.issued)}; never issued ${summary(tracking.repeat.unknown)}`);
  plan.log(`memory: opening tickets up to ${plan.openTickets} open, waiting for their tasks`);
  const memory = await measureWorkerMemory(s, worker, idle, plan.openTickets, codes.length, plan.start.concurrency);
  const { maxCachedWorkflows, reuseV8Context } = worker.ready;
  const lifecycle = await measureLifecycle(s, plan.lifecycle, plan.log);
  plan.log(`lifecycle: ${lifecycle.tickets.perSecond.toFixed(2)} tickets completed/s, p50 ${lifecycle.tickets.p50Ms.toFixed(0)} ms, ${lifecycle.tickets.errors} errors`);
  const pushdown = await explainHotPaths(client, `bench_pushdown_${randomBytes(4).toString('hex')}`);
  await client.close();
  const database = s.stack.started.find((name) => name !== 'Temporal dev server') ?? 'MONGODB_URI';
  return {
    at: new Date().toISOString(),
    database,
    dbOps,
    pushdown,
    machine: await describeMachine(s.client, s.stack.started.includes('Temporal dev server'), plan.loadAtStart, database),
    loadAtEnd: os.loadavg()[0]!,
    trackRateLimitPerMinute: RATE_LIMIT_PER_MINUTE,
    worker: { maxCachedWorkflows, reuseV8Context },
    intake,
    intakeApiProcess,
    webhooks,
    ceiling,
    workerCatchUpSeconds,
    tracking,
    ratios: { ...intakeRatios(intakeApiProcess, ceiling), inBenchProcess: intakeRatios(intake, ceiling) },
    memory,
    apiDbProfile: s.dbProfile(),
    lifecycle,
    runtimeSeconds: (performance.now() - plan.startedAt) / 1000,
  };
}
