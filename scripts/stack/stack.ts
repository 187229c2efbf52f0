import fs from 'node:fs/promises';
import path from 'node:path';
import { ensureTemporalBinary } from './binaries';
import { claimDataDir } from './data-dir-lock';
import type { EmbeddedDatabase } from './database-choice';
import { startEmbeddedDatabase, type MachineLookups } from './embedded-database';
import { stderrLog, type Log } from './go-toolchain';
import { cacheDir } from './paths';
import { EmbeddedStackError } from './stack-errors';
import { startTemporalDevServer, type SearchAttributeType } from './temporal-server';

export interface EmbeddedStackOptions {
  /** Working directory for server data (database files, the Temporal SQLite file when persistent). */
  dataDir: string;
  /** Keep Temporal's state in `<dataDir>/temporal.sqlite`; in-memory otherwise. */
  persistent?: boolean;
  /** Serve the Temporal Web UI (on a free port unless temporalUiPort is given). */
  ui?: boolean;
  temporalPort?: number;
  temporalUiPort?: number;
  mongoPort?: number;
  /** The embedded database to run (the bench's --db); by default the first that works (database-choice.ts). */
  database?: EmbeddedDatabase;
  /** How the database choice looks PostgreSQL up; this machine by default. */
  machine?: MachineLookups;
  searchAttributes?: Record<string, SearchAttributeType>;
  /** TEMPORAL_ADDRESS / MONGODB_URI here mean "use that server, start nothing". */
  env?: NodeJS.ProcessEnv;
  log?: Log;
}

export interface EmbeddedStack {
  temporalAddress: string;
  temporalUiUrl?: string;
  /** Base URI without a database name. */
  mongoUri: string;
  /** What was started, for a start-up banner: e.g. ['Temporal dev server', 'FerretDB on PostgreSQL']. */
  started: string[];
  stop(): Promise<void>;
}

/**
 * Temporal and a MongoDB-compatible server for dev and tests, started in parallel; a server whose address is
 * already given in the environment is used as is. If one fails to start, the other is stopped before throwing an
 * EmbeddedStackError that names each failed server, why it failed and its last output lines. The servers stop when
 * this process dies (even by SIGKILL), and `<dataDir>/stack.lock.json` keeps a second process off the same data.
 */
export async function startEmbeddedStack(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
  const { env = process.env, log = stderrLog } = options;
  const lock = env.TEMPORAL_ADDRESS && env.MONGODB_URI ? undefined : await claimDataDir(options.dataDir, log);
  const [temporal, mongo] = await Promise.allSettled([
    env.TEMPORAL_ADDRESS ? undefined : startTemporal(options, env, log),
    startMongo(options, env, log),
  ]);
  const stop = async () => {
    await Promise.all([temporal, mongo].map((r) => (r.status === 'fulfilled' ? r.value?.stop() : undefined)));
    await lock?.release();
  };
  if (temporal.status === 'rejected' || mongo.status === 'rejected') {
    await stop();
    const reasons = [temporal, mongo].flatMap((r) => (r.status === 'rejected' ? [asError(r.reason)] : []));
    throw new EmbeddedStackError(reasons);
  }
  await lock?.record('Temporal dev server', temporal.value?.pid);
  for (const server of mongo.value?.processes ?? []) await lock?.record(server.name, server.pid, server.stopSignal);
  const started = [temporal.value ? 'Temporal dev server' : '', mongo.value ? mongo.value.label : ''].filter(Boolean);
  return {
    temporalAddress: temporal.value?.address ?? (env.TEMPORAL_ADDRESS as string),
    temporalUiUrl: temporal.value?.uiUrl,
    mongoUri: mongo.value?.uri ?? (env.MONGODB_URI as string),
    started,
    stop,
  };
}

async function startTemporal(options: EmbeddedStackOptions, env: NodeJS.ProcessEnv, log: Log) {
  const binary = await ensureTemporalBinary({ env, log });
  if (options.persistent) await fs.mkdir(options.dataDir, { recursive: true });
  return startTemporalDevServer({
    binary,
    port: options.temporalPort,
    uiPort: options.temporalUiPort,
    headless: !options.ui,
    dbFile: options.persistent ? path.join(options.dataDir, 'temporal.sqlite') : undefined,
    searchAttributes: options.searchAttributes,
  });
}

async function startMongo(options: EmbeddedStackOptions, env: NodeJS.ProcessEnv, log: Log) {
  await fs.mkdir(options.dataDir, { recursive: true });
  return startEmbeddedDatabase({
    dataDir: options.dataDir,
    persistent: options.persistent ?? false,
    ownRoots: [options.dataDir, cacheDir(env)],
    port: options.mongoPort,
    wanted: options.database,
    env,
    log,
    machine: options.machine,
  });
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
