/**
 * The bench's worker process: the real ticket worker (plus emptyWorkflow) from a prebuilt bundle, configured by the
 * environment like `worker/main.ts`. Reports memory over IPC on request; run with `--expose-gc`. An optional second
 * argument (host:port) serves the SDK's Prometheus metrics there (the scale bench counts cache misses with them).
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import mongoose from 'mongoose';
import { loadConfig } from '../config/config';
import { createLogger } from '../config/logger';
import { connectDatabase, disconnectDatabase } from '../models/connection';
import { startWorker } from '../worker/worker';
import { profileCommands, type DbProfile } from './db-profile';
import { workflowThreadHeap } from './thread-heap';

/** Messages from the bench process. */
export type ChildRequest = { type: 'memory' } | { type: 'stop' };
/** Messages to the bench process. */
export type ChildReply =
  | { type: 'ready'; maxCachedWorkflows: number; reuseV8Context: boolean }
  | { type: 'memory'; rssBytes: number; heapUsedBytes: number; workflowHeapBytes: number; workflowThreads: number; warnings: WorkerWarnings; dbProfile: DbProfile }
  | { type: 'stopped' };

/** What the SDK and core warned about so far (by message), with the first few failed-activity messages. */
export interface WorkerWarnings {
  byMessage: Record<string, number>;
  activityErrors: string[];
}

const send = (reply: ChildReply) => process.send?.(reply);
const warnings: WorkerWarnings = { byMessage: {}, activityErrors: [] };

/** The SDK's and core's log, quiet: warnings are counted (failed activities are retried), errors printed. */
function sdkLogger(): DefaultLogger {
  return new DefaultLogger('WARN', (entry) => {
    if (entry.level === 'ERROR') return console.error(`bench worker: ${entry.message}`, entry.meta ?? '');
    const key = entry.message.split(/[.:]/, 1)[0]!.slice(0, 80);
    warnings.byMessage[key] = (warnings.byMessage[key] ?? 0) + 1;
    const error = (entry.meta?.error as Error | undefined)?.message?.replace(/\[[^\]]*\] /g, '').slice(0, 160);
    if (error && warnings.activityErrors.length < 3 && !warnings.activityErrors.includes(error)) warnings.activityErrors.push(error);
  });
}

async function memory(dbProfile: DbProfile): Promise<ChildReply> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the bench worker with --expose-gc');
  const thread = await workflowThreadHeap();
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return {
    type: 'memory',
    rssBytes: rss,
    heapUsedBytes: heapUsed,
    workflowHeapBytes: thread.usedBytes,
    workflowThreads: thread.threads,
    warnings: structuredClone(warnings),
    dbProfile,
  };
}

async function main(codePath: string, metricsAddress: string | undefined): Promise<void> {
  // Core's own log (e.g. activities completing after their timeout) is forwarded to the same counting logger.
  const logging = { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } as const;
  const metrics = metricsAddress ? { metrics: { prometheus: { bindAddress: metricsAddress } } } : {};
  Runtime.install({ logger: sdkLogger(), telemetryOptions: { logging, ...metrics } });
  const config = loadConfig();
  await connectDatabase(config.mongodb.uri, { monitorCommands: true });
  const profile = profileCommands(mongoose.connection.getClient());
  const logger = createLogger({ level: 'error', name: 'bench-worker' });
  const started = await startWorker(config, logger, { workflowBundle: { codePath }, databaseConnected: true });
  const { options } = started.worker;
  const stop = async () => {
    await started.shutdown();
    await disconnectDatabase();
    process.send?.({ type: 'stopped' } satisfies ChildReply, () => process.exit(0));
  };
  process.on('message', (msg: ChildRequest) => {
    if (msg.type === 'memory') memory(profile.snapshot()).then(send, (err: unknown) => fail(err));
    else void stop();
  });
  // The bench process went away (killed, perhaps with the servers): shut down, but never outlive it for long, since a
  // worker whose Temporal is gone waits on its pollers (killed scale runs left such workers spinning).
  process.once('disconnect', () => {
    setTimeout(() => process.exit(0), 10_000).unref();
    void started.shutdown();
  });
  send({ type: 'ready', maxCachedWorkflows: options.maxCachedWorkflows, reuseV8Context: options.reuseV8Context });
  await started.done;
}

function fail(err: unknown): never {
  console.error('bench worker:', err instanceof Error ? err.stack : err);
  process.exit(1);
}

main(process.argv[2] ?? fail('usage: worker-child.ts <workflow-bundle.js> [metrics host:port]'), process.argv[3]).catch(fail);
