/**
 * `npm run bench -- --scale [--scale-tickets 10000] [--scale-cache N] [--scale-compare N] [--db postgres]`: open
 * tickets at scale with a worker whose cache holds a fifth of them, a tenth of them breaching their first response
 * inside one minute; worker memory per open ticket, replays, escalation lateness, a projection to 100,000 tickets,
 * then intake and the lifecycle with one and two worker and API processes. Prints the figures, asserts nothing.
 */
import os from 'node:os';
import { createApiKey } from '../../api/middleware/auth';
import { closeHttpClient } from '../http-client';
import { describeMachine } from '../machine';
import { compareProcesses, type ProcessComparison } from './scale-compare';
import type { ScaleContext } from './scale-context';
import { fillAndBreach, type FillAndBreach } from './scale-fill';
import { scaleOptionsFromArgs } from './scale-options';
import { project } from './scale-projection';
import { OpsConfig } from './scale-regions';
import { formatScale, writeScaleResults, type ScaleResults } from './scale-report';
import { startScaleServers } from './scale-servers';

const log = (line: string) => process.stderr.write(`bench scale: ${line}\n`);
const kib = (bytes: number, n: number) => Math.round((bytes / 1024 / n) * 10) / 10;

/** Every figure of the run, with the machine and the per-ticket arithmetic. */
async function collect(ctx: ScaleContext, run: FillAndBreach, comparison: ProcessComparison, loadAtStart: number, startedAt: number): Promise<ScaleResults> {
  const { idle, afterBackground, loaded } = run.samples;
  const database = ctx.servers.stack.started[0] ?? 'MONGODB_URI';
  return {
    at: new Date().toISOString(),
    database,
    machine: await describeMachine(ctx.servers.client, true, loadAtStart, database),
    loadAtEnd: os.loadavg()[0]!,
    options: ctx.options,
    worker: { maxCachedWorkflows: ctx.worker.ready.maxCachedWorkflows, reuseV8Context: ctx.worker.ready.reuseV8Context },
    run,
    perOpenTicketKiB: {
      rss: kib(loaded.memory.rssBytes - idle.memory.rssBytes, loaded.openTickets),
      mainHeap: kib(loaded.memory.heapUsedBytes - idle.memory.heapUsedBytes, loaded.openTickets),
      workflowHeap: kib(loaded.memory.workflowHeapBytes - idle.memory.workflowHeapBytes, loaded.openTickets),
    },
    projection: project(idle, afterBackground, loaded, ctx.options.cacheSize),
    comparison,
    runtimeSeconds: (performance.now() - startedAt) / 1000,
  };
}

/** The whole scale run on fresh servers; everything it started is stopped at the end, on failure and on SIGINT/SIGTERM. */
export async function runScaleBench(): Promise<void> {
  const options = scaleOptionsFromArgs();
  const startedAt = performance.now();
  const loadAtStart = os.loadavg()[0]!;
  log(`${options.tickets} tickets (${options.breachTickets} breach), worker cache ${options.cacheSize}, ${options.compareTickets} per side of the 1-vs-2 comparison`);
  const started = await startScaleServers(options, log);
  const interrupted = () => void started.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const { ctx } = started;
    const ops = new OpsConfig(ctx.api.url, (await createApiKey({ name: 'scale bench', role: 'ops' }, ctx.servers.config.secret)).key);
    await ops.putBackgroundRegions();
    const run = await fillAndBreach(ctx, ops);
    const comparison = await compareProcesses(ctx, options.tickets);
    const results = await collect(ctx, run, comparison, loadAtStart, startedAt);
    console.log(formatScale(results));
    log(`results written to ${await writeScaleResults(results)}`);
  } finally {
    log('shutting down');
    await started.stop();
    closeHttpClient();
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }
}
