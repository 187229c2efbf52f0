/**
 * `npm run bench`: for each database, in one run and on fresh servers: the database operations alone, intake against
 * the raw workflow-start ceiling, tracking lookups for issued, never-issued and near-miss codes, the memory of a separate worker
 * process holding 1,000 open tickets, and which hot-path filters the database pushes down; then all side by side.
 * Options: --db sqlite|postgres|mongod|all (all: every one this machine can run) --concurrency 16 --count 400
 * --lookups 8000 --open 1000 --db-ops 2000 --db-grow 10000 (each database operation stops after 45 s); --quick is
 * --count 100 --lookups 2000 --open 300 --db-ops 1000 --db-grow 5000 (two intakes of `count` come first, so the fill opens 100 more); --only tracking issues `count` codes and
 * measures tracking alone (printed, not written to bench/results). Tracking looks up the `count` issued codes, as
 * many never-issued ones and their near misses once each, then `lookups` times per kind over the same codes.
 * Every run ends with the mixed lifecycle: --lifecycle 100 tickets (--quick 40), --concurrency at a time, from intake
 * to the answered survey (no new one after 180 s); --only lifecycle runs it alone (printed, and written to
 * bench/results/lifecycle.json).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import type { EmbeddedDatabase } from '../scripts/stack/database-choice';
import { findOnPath } from '../scripts/stack/which';
import { workflowBundleConverters } from '../temporal/data-converter';
import { formatComparison } from './compare';
import { DB_OP_MAX_SECONDS } from './db-ops';
import { closeHttpClient } from './http-client';
import { measure, type BenchPlan } from './measure';
import { measureLifecycleOnly, type LifecycleOnly } from './lifecycle-only';
import { formatResults, writeResults, type BenchResults } from './report';
import { startBenchServers, type BenchServers } from './servers';
import { measureTrackingOnly } from './tracking-only';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

type MeasureRun<T> = (servers: BenchServers, worker: WorkerProcess, plan: BenchPlan) => Promise<T>;

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
/** Unmeasured tickets before the lifecycle run's measured ones. */
const LIFECYCLE_WARMUP = 4;
const DB_FLAGS: Record<string, EmbeddedDatabase> = { sqlite: 'sqlite', postgres: 'postgresql', postgresql: 'postgresql', mongod: 'mongod' };

const ONLY = ['everything', 'tracking', 'lifecycle'] as const;
type Only = (typeof ONLY)[number];

function planFromArgs(): { plan: BenchPlan; databases: Array<EmbeddedDatabase | undefined>; only: Only } {
  const option = (fallback: string) => ({ type: 'string' as const, default: fallback });
  const quick = { count: '100', lookups: '2000', open: '300', dbOps: '1000', dbGrow: '5000', lifecycle: '40' };
  const full = { count: '400', lookups: '8000', open: '1000', dbOps: '2000', dbGrow: '10000', lifecycle: '100' };
  const preset = process.argv.includes('--quick') ? quick : full;
  const options = {
    db: option('all'),
    concurrency: option('16'),
    count: option(preset.count),
    lookups: option(preset.lookups),
    open: option(preset.open),
    'db-ops': option(preset.dbOps),
    'db-grow': option(preset.dbGrow),
    lifecycle: option(preset.lifecycle),
    quick: { type: 'boolean' as const },
    only: option('everything'),
  };
  const { values } = parseArgs({ options });
  const concurrency = Number(values.concurrency);
  const plan: BenchPlan = {
    dbOps: { count: Number(values['db-ops']), concurrency, grownTo: Number(values['db-grow']), maxSeconds: DB_OP_MAX_SECONDS },
    start: { count: Number(values.count), concurrency, warmup: 30 },
    track: { repeat: Number(values.lookups), concurrency, rounds: 4 },
    openTickets: Number(values.open),
    lifecycle: { count: Number(values.lifecycle), concurrency, warmup: LIFECYCLE_WARMUP },
    startedAt: performance.now(),
    loadAtStart: os.loadavg()[0]!,
    log,
  };
  const only = ONLY.find((o) => o === values.only);
  if (!only) throw new Error(`--only takes tracking or lifecycle, not "${values.only}"`);
  return { plan, databases: databasesFor(values.db), only };
}

/** `all`: SQLite, PostgreSQL, and mongod when it is on PATH; with MONGODB_URI only that server. */
function databasesFor(flag: string): Array<EmbeddedDatabase | undefined> {
  if (process.env.MONGODB_URI) return [undefined];
  if (flag === 'all') return ['sqlite', 'postgresql', ...(findOnPath('mongod') ? (['mongod'] as const) : [])];
  const database = DB_FLAGS[flag];
  if (!database) throw new Error(`--db takes sqlite, postgres, mongod or all, not "${flag}"`);
  return [database];
}

/** `--only lifecycle`: the lifecycle run on each database, printed and written to bench/results/lifecycle.json. */
async function lifecycleOnly(databases: Array<EmbeddedDatabase | undefined>, plan: BenchPlan): Promise<void> {
  const runs: LifecycleOnly[] = [];
  for (const database of databases) {
    const run = await runOn(database, plan, measureLifecycleOnly);
    console.log(`${run.markdown}\n`);
    runs.push(run);
  }
  log(`lifecycle bench ${Math.round((performance.now() - plan.startedAt) / 1000)} s; results written to ${await writeResults(runs, 'lifecycle.json')}`);
}

/** Bundles the ticket workflows plus emptyWorkflow once, into a file the worker process loads. */
async function writeBundle(dataDir: string): Promise<string> {
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), ...workflowBundleConverters, logger: new DefaultLogger('WARN') });
  const file = path.join(dataDir, 'workflow-bundle.js');
  await fs.writeFile(file, bundle.code);
  return file;
}

/** One run of `run` (the whole measurement, or the tracking part) on fresh servers with `database`. */
async function runOn<T>(database: EmbeddedDatabase | undefined, plan: BenchPlan, run: MeasureRun<T>): Promise<T> {
  log(`starting the servers (${database ?? 'MONGODB_URI'}; Temporal embedded unless TEMPORAL_ADDRESS is set)`);
  const servers = await startBenchServers(log, database);
  let worker: WorkerProcess | undefined;
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      await worker?.stop();
      await servers.stop();
    })());
  const interrupted = () => void shutdown().finally(() => process.exit(130)); // the embedded servers must not outlive us
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    log(`servers up: ${servers.stack.started.join(' + ') || 'external'}; bundling workflows, starting the worker process`);
    worker = await startWorkerProcess(servers.env, await writeBundle(servers.dataDir));
    return await run(servers, worker, { ...plan, startedAt: performance.now(), loadAtStart: os.loadavg()[0]! });
  } finally {
    log('shutting down');
    await shutdown();
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--scale')) return (await import('./scale/scale-run')).runScaleBench();
  const { plan, databases, only } = planFromArgs();
  const runs: BenchResults[] = [];
  try {
    if (only === 'lifecycle') return await lifecycleOnly(databases, plan);
    if (only === 'tracking') {
      for (const database of databases) console.log(`${await runOn(database, plan, measureTrackingOnly)}\n`);
      log(`tracking bench ${Math.round((performance.now() - plan.startedAt) / 1000)} s`);
      return;
    }
    for (const database of databases) {
      const results = await runOn(database, plan, measure);
      console.log(`${formatResults(results)}\n`);
      runs.push(results);
    }
  } finally {
    closeHttpClient();
  }
  console.log(formatComparison(runs));
  log(`whole bench ${Math.round((performance.now() - plan.startedAt) / 1000)} s; results written to ${await writeResults(runs)}`);
}

main().catch((err: unknown) => {
  console.error('bench failed:', err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
