/**
 * Everything the soak runs against, each server a chaos target: the database server(s), the Temporal dev server on a
 * SQLite file, the API (`api/server.ts`) and a worker as separate processes on fixed ports. The SMTP catcher (the
 * local receiver that records every mail) runs in this process and is never killed.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { freePort } from '../../scripts/stack/free-port';
import { startSmtpCatcher, type SmtpCatcher } from '../../scripts/stack/smtp-catcher';
import { workflowBundleConverters } from '../../temporal/data-converter';
import { withDatabase } from '../../tests/support/database';
import type { ChaosTarget } from './chaos-target';
import { startSoakDatabase } from './database';
import { startNodeProcess } from './node-process';
import { startTemporal } from './temporal';

export interface SoakStack {
  /** The environment the API and worker run with (their config). */
  env: NodeJS.ProcessEnv;
  apiUrl: string;
  adminKey: string;
  smtp: SmtpCatcher;
  databaseLabel: string;
  /** Servers in start order; the chaos monkey picks among them. */
  targets: ChaosTarget[];
  stop(): Promise<void>;
}

/** Starts the servers; `seed` runs against the database (MONGODB_URI of `env`) before the API and worker start. */
export async function startSoakStack(log: (line: string) => void, seed: (env: NodeJS.ProcessEnv) => Promise<void>): Promise<SoakStack> {
  const undo: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const step of undo.reverse()) await step().catch((err: unknown) => log(`stopping: ${String(err)}`));
  };
  try {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-soak-'));
    undo.push(() => fs.rm(dir, { recursive: true, force: true }));
    const smtp = await startSmtpCatcher({ port: 0 });
    undo.push(() => smtp.stop());
    const [database, temporal] = await Promise.all([startSoakDatabase(dir, log), startTemporal(path.join(dir, 'temporal.sqlite'), log)]);
    undo.push(...database.targets.map((t) => () => t.stop()).reverse(), () => temporal.stop());
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TZ: 'UTC',
      MONGODB_URI: withDatabase(database.uri, 'soak'),
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: 'soak',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      MERIDIAN_SECRET: randomBytes(24).toString('hex'),
      HTTP_PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      BOOTSTRAP_ADMIN_KEY_FILE: path.join(dir, 'admin-key'),
      LOG_LEVEL: 'error',
      TRACK_RATE_LIMIT_PER_MINUTE: '1000000',
      INTAKE_RATE_LIMIT_PER_MINUTE: '1000000',
    };
    await seed(env);
    log(`servers up: ${database.label} + Temporal dev server (SQLite file); bundling workflows`);
    const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), ...workflowBundleConverters, logger: new DefaultLogger('WARN') });
    const bundlePath = path.join(dir, 'workflow-bundle.js');
    await fs.writeFile(bundlePath, bundle.code);
    const apiUrl = `http://127.0.0.1:${port}`;
    const [worker, api] = await Promise.all([
      startNodeProcess({ name: 'worker', args: ['soak/stack/worker-entry.ts', bundlePath], env, ready: (out) => out.includes('soak worker ready') }),
      startNodeProcess({ name: 'api', args: ['api/server.ts'], env, ready: async () => (await fetch(`${apiUrl}/healthz`)).ok }),
    ]);
    undo.push(() => api.stop(), () => worker.stop());
    const adminKey = await readWhenWritten(env.BOOTSTRAP_ADMIN_KEY_FILE as string);
    return { env, apiUrl, adminKey, smtp, databaseLabel: database.label, targets: [...database.targets, temporal, worker, api], stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The bootstrap admin key, which the API writes just after it starts listening. */
async function readWhenWritten(file: string): Promise<string> {
  for (let waited = 0; ; waited += 250) {
    const key = (await fs.readFile(file, 'utf8').catch(() => '')).trim();
    if (key) return key;
    if (waited > 60_000) throw new Error(`the API wrote no bootstrap admin key to ${file}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
