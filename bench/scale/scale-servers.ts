/**
 * The scale run's servers: a Temporal dev server that keeps its state in a SQLite file (so its size per ticket can
 * be measured), the bench's database and SMTP catcher, the workflow bundle, one worker and one API process.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { ensureTemporalBinary } from '../../scripts/stack/binaries';
import { freePort } from '../../scripts/stack/free-port';
import { startTemporalDevServer } from '../../scripts/stack/temporal-server';
import { workflowBundleConverters } from '../../temporal/data-converter';
import { startBenchServers } from '../servers';
import { startWorkerProcess } from '../worker-process';
import { startApiProcess } from '../api-process';
import type { ScaleContext } from './scale-context';
import type { ScaleOptions } from './scale-options';

/** Everything started, plus one function that stops it all (in reverse order, each step even if another fails). */
export interface ScaleServers {
  ctx: ScaleContext;
  stop(): Promise<void>;
}

/** Starts the servers and processes; on a failure half-way, stops what it started and rethrows. */
export async function startScaleServers(options: ScaleOptions, log: (line: string) => void): Promise<ScaleServers> {
  const undo: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const step of undo.reverse()) await step().catch((err: unknown) => log(`stopping: ${String(err)}`));
  };
  try {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-scale-'));
    undo.push(() => fs.rm(dir, { recursive: true, force: true }));
    const temporalDbFile = path.join(dir, 'temporal.sqlite');
    const temporal = await startTemporalDevServer({ binary: await ensureTemporalBinary({ log }), headless: true, dbFile: temporalDbFile });
    undo.push(() => temporal.stop());
    const servers = await startBenchServers(log, options.database, { ...process.env, TEMPORAL_ADDRESS: temporal.address });
    undo.push(() => servers.stop());
    log(`servers up: Temporal dev server (SQLite file) + ${servers.stack.started.join(' + ')}; bundling workflows`);
    const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), ...workflowBundleConverters, logger: new DefaultLogger('WARN') });
    const bundlePath = path.join(dir, 'workflow-bundle.js');
    await fs.writeFile(bundlePath, bundle.code);
    const workerEnv = { ...servers.env, WORKER_MAX_CACHED_WORKFLOWS: String(options.cacheSize) };
    const metricsAddress = `127.0.0.1:${await freePort()}`;
    const [worker, api] = await Promise.all([startWorkerProcess(workerEnv, bundlePath, metricsAddress), startApiProcess(servers.env)]);
    undo.push(() => worker.stop(), () => api.stop());
    return { ctx: { servers, worker, metricsAddress, api, temporalDbFile, workerEnv, bundlePath, options, log }, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
