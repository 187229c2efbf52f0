/**
 * `npm run bench`: in one run, on the same servers, intake against the raw workflow-start ceiling, tracking lookups
 * for issued and never-issued codes, and the memory of a separate worker process holding 1,000 open tickets.
 * Options: --concurrency 16 --count 400 --lookups 500 --open 1000; --quick is --count 100 --lookups 200 --open 200.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { workflowBundleConverters } from '../temporal/data-converter';
import { closeHttpClient } from './http-client';
import { measure, type BenchPlan } from './measure';
import { formatResults, writeResults } from './report';
import { startBenchServers } from './servers';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

function planFromArgs(): BenchPlan {
  const option = (fallback: string) => ({ type: 'string' as const, default: fallback });
  const quick = { count: '100', lookups: '200', open: '200' };
  const full = { count: '400', lookups: '500', open: '1000' };
  const preset = process.argv.includes('--quick') ? quick : full;
  const options = { concurrency: option('16'), count: option(preset.count), lookups: option(preset.lookups), open: option(preset.open), quick: { type: 'boolean' as const } };
  const { values } = parseArgs({ options });
  const concurrency = Number(values.concurrency);
  return {
    start: { count: Number(values.count), concurrency, warmup: 30 },
    track: { count: Number(values.lookups), concurrency, warmup: 50 },
    openTickets: Number(values.open),
    startedAt: performance.now(),
    loadAtStart: os.loadavg()[0]!,
    log,
  };
}

/** Bundles the ticket workflows plus emptyWorkflow once, into a file the worker process loads. */
async function writeBundle(dataDir: string): Promise<string> {
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), ...workflowBundleConverters, logger: new DefaultLogger('WARN') });
  const file = path.join(dataDir, 'workflow-bundle.js');
  await fs.writeFile(file, bundle.code);
  return file;
}

async function main(): Promise<void> {
  const plan = planFromArgs();
  log('starting the servers (embedded unless TEMPORAL_ADDRESS / MONGODB_URI are set)');
  const servers = await startBenchServers(log);
  let worker: WorkerProcess | undefined;
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      await worker?.stop();
      closeHttpClient();
      await servers.stop();
    })());
  const interrupted = () => void shutdown().finally(() => process.exit(130)); // the embedded servers must not outlive us
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    log(`servers up: ${servers.stack.started.join(' + ') || 'external'}; bundling workflows, starting the worker process`);
    worker = await startWorkerProcess(servers.env, await writeBundle(servers.dataDir));
    const results = await measure(servers, worker, plan);
    console.log(formatResults(results));
    log(`results written to ${await writeResults(results)}`);
  } finally {
    log('shutting down');
    await shutdown();
  }
}

main().catch((err: unknown) => {
  console.error('bench failed:', err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
