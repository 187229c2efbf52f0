/** Everything the bench measures against: embedded stack, seeded database, Temporal client, HTTP server on 127.0.0.1. */
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { createApp } from '../api/app';
import { startApiProcess } from './api-process';
import { loadConfig, type Config } from '../config/config';
import { createLogger } from '../config/logger';
import '../models/all.models';
import { connectDatabase } from '../models/connection';
import { createDataConverter } from '../temporal/data-converter';
import { startSmtpCatcher, type SmtpCatcher } from '../scripts/stack/smtp-catcher';
import type { EmbeddedDatabase } from '../scripts/stack/database-choice';
import { startEmbeddedStack, type EmbeddedStack } from '../scripts/stack/stack';
import { profileCommands, type DbProfile } from './db-profile';
import { withDatabase } from '../tests/support/database';
import { seedTestConfiguration } from '../tests/support/test-config';

/** Far enough that no SLA timer fires during a run: only the waits a real open ticket has. */
const LONG_SLA = { firstResponseMinutes: 30 * 24 * 60, nextResponseMinutes: 30 * 24 * 60, resolutionMinutes: 90 * 24 * 60 };
/** Raised so the bench measures the server, not the per-client limiter (every request comes from 127.0.0.1). */
export const RATE_LIMIT_PER_MINUTE = 1_000_000;

export interface BenchServers {
  config: Config;
  /** Environment for the worker process (same servers, database and task queue). */
  env: NodeJS.ProcessEnv;
  stack: EmbeddedStack;
  client: Client;
  baseUrl: string;
  /** The same API with RATE_LIMIT_STORE=mongodb: its limiters count in the database every process shares. */
  sharedLimitBaseUrl: string;
  /** The same API with the tracking cache off: every lookup reads the database. */
  uncachedBaseUrl: string;
  /**
   * The API in a process of its own (bench/api-child.ts: `startServer`, as Docker Compose runs it), so that it does
   * not share the load loop's thread; the in-process URLs above share it.
   */
  apiProcess: { url: string; heapAfterGc(): Promise<number> };
  dataDir: string;
  /** The SMTP catcher every mail of the run goes to (the customers' inbox). */
  smtp: SmtpCatcher;
  /** Database round trips of this (API) process so far. */
  dbProfile(): DbProfile;
  stop(): Promise<void>;
}

/** Runs the registered undo steps in reverse order, all of them even when one fails; rethrows the first failure. */
async function undoAll(steps: Array<() => Promise<unknown>>): Promise<void> {
  let failure: unknown;
  for (const step of steps.reverse()) await step().catch((err: unknown) => (failure ??= err));
  if (failure) throw failure;
}

/** Starts (or, with TEMPORAL_ADDRESS / MONGODB_URI in `baseEnv`, reuses) the servers and a fresh, seeded bench database. */
export async function startBenchServers(log: (line: string) => void, database?: EmbeddedDatabase, baseEnv: NodeJS.ProcessEnv = process.env): Promise<BenchServers> {
  const undo: Array<() => Promise<unknown>> = [];
  try {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-bench-'));
    undo.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const stack = await startEmbeddedStack({ dataDir, persistent: false, ui: false, database, env: baseEnv, log });
    undo.push(() => stack.stop());
    const smtp = await startSmtpCatcher({ port: 0 });
    undo.push(() => smtp.stop());
    const env = benchEnv(baseEnv, stack, smtp.port);
    const config = loadConfig(env);
    await connectDatabase(config.mongodb.uri, { monitorCommands: true });
    const dbProfile = profileCommands(mongoose.connection.getClient());
    undo.push(() => mongoose.disconnect());
    undo.push(() => mongoose.connection.dropDatabase()); // matters only on a server the bench did not start
    await seedTestConfiguration({ targets: LONG_SLA });
    const connection = await Connection.connect({ address: config.temporal.address });
    undo.push(() => connection.close());
    const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter: createDataConverter(config) });
    const baseUrl = await listen(config, client, undo);
    const sharedLimitBaseUrl = await listen(loadConfig({ ...env, RATE_LIMIT_STORE: 'mongodb' }), client, undo);
    const uncachedBaseUrl = await listen(config, client, undo, 'off');
    const apiProcess = await startApiProcess(env);
    undo.push(() => apiProcess.stop());
    return { config, env, stack, client, baseUrl, sharedLimitBaseUrl, uncachedBaseUrl, apiProcess, dataDir, smtp, dbProfile: () => dbProfile.snapshot(), stop: () => undoAll(undo) };
  } catch (err) {
    await undoAll(undo).catch(() => undefined);
    throw err;
  }
}

function benchEnv(baseEnv: NodeJS.ProcessEnv, stack: EmbeddedStack, smtpPort: number): NodeJS.ProcessEnv {
  return {
    ...baseEnv,
    TZ: 'UTC',
    MONGODB_URI: withDatabase(stack.mongoUri, `bench_${randomBytes(4).toString('hex')}`),
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_TASK_QUEUE: `bench-${randomBytes(4).toString('hex')}`,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    MERIDIAN_SECRET: randomBytes(24).toString('hex'),
    LOG_LEVEL: 'warn',
    TRACK_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE),
    INTAKE_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE),
  };
}

/** The real app (createApp mounts the ticket routers) listening on a free 127.0.0.1 port. */
async function listen(config: Config, client: Client, undo: Array<() => Promise<unknown>>, trackCache?: 'off'): Promise<string> {
  const logger = createLogger({ level: 'fatal', name: 'bench-api' }); // failures are counted by the load loop instead
  const server = http.createServer(createApp({ config, logger, temporal: client, trackCache }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  undo.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
