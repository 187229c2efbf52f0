import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundle } from '@temporalio/worker';
import type { Express } from 'express';
import { createApp } from '../../api/app';
import { createApiKey } from '../../api/middleware/auth';
import { loadConfig, type Config } from '../../config/config';
import { createLogger } from '../../config/logger';
import { Registry } from '../../metrics/registry';
import '../../models/all.models';
import { ensureModelIndexes } from '../../models/index-migration';
import { createDataConverter, workflowBundleConverters } from '../../temporal/data-converter';
import { installSdkLogger } from '../../worker/sdk-logging';
import { startWorker, type StartedWorker } from '../../worker/worker';
import { connectTestDatabase, type TestDatabase } from './database';
import { startSmtpCatcher, type SmtpCatcher } from './smtp';
import { seedTestConfiguration, type TestSla } from './test-config';
import { startTimeSkippingServer } from './time-skipping';

let bundle: Promise<WorkflowBundle> | undefined;
/** The workflow bundle, built once per test file. */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), ...workflowBundleConverters, logger: new DefaultLogger('WARN') });
  return bundle;
}

export interface Harness {
  config: Config;
  db: TestDatabase;
  smtp: SmtpCatcher;
  client: Client;
  app: Express;
  adminKey: string;
  worker: StartedWorker | null;
  startWorker(): Promise<StartedWorker>;
  /** The clock intake stamps tickets with: server time on a time-skipping harness, else the wall clock. */
  now(): number;
  /**
   * Server time as the server reports it now (time-skipping harness only): also correct while a skip is under way,
   * when `now()` still gives the time before it. The server does not move time while an activity runs, so an activity
   * (or an SMTP server it talks to) that asks gets the time of its attempt.
   */
  serverTime(): Promise<number>;
  /** Moves server time forward by `ms` (time-skipping harness only); what the fired timers started has run by then. */
  skipTime(ms: number): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  sla?: TestSla;
  worker?: boolean;
  env?: Record<string, string>;
  /** Run on a private time-skipping test server (started for this harness, stopped by `stop`) instead of the shared dev server. */
  timeSkipping?: boolean;
}

/** The test environment variables for a fresh database and task queue (also handed to child worker processes). */
export function testEnv(db: TestDatabase, smtp: SmtpCatcher): Record<string, string> {
  return {
    MONGODB_URI: db.uri,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '',
    TEMPORAL_TASK_QUEUE: `test-${randomBytes(6).toString('hex')}`,
    SMTP_PORT: String(smtp.port),
    MERIDIAN_SECRET: process.env.MERIDIAN_SECRET ?? '',
    PUBLIC_BASE_URL: 'http://meridian.test',
    LOG_LEVEL: 'silent',
    TRACK_RATE_LIMIT_PER_MINUTE: '1000',
    INTAKE_RATE_LIMIT_PER_MINUTE: '1000',
    // No media fetched from the internet: tests that fetch media allow their fake platforms' hosts.
    CHANNEL_MEDIA_ALLOWED_HOSTS: '',
    WEBCHAT_SESSION_RATE_LIMIT_PER_MINUTE: '1000',
    WEBCHAT_MESSAGE_RATE_LIMIT_PER_MINUTE: '1000',
    WEBCHAT_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000',
    WEBCHAT_POLL_RATE_LIMIT_PER_MINUTE: '1000',
  };
}

/**
 * A real Meridian against the test servers: its own database and task queue, seeded configuration, an SMTP
 * catcher, the HTTP app (no listen; use supertest) and, unless `worker: false`, an in-process worker. With
 * `timeSkipping`, client, app and worker use a private time-skipping server, and the app stamps intake with its time.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const timeServer = options.timeSkipping ? await startTimeSkippingServer() : undefined;
  const db = await connectTestDatabase();
  await ensureModelIndexes();
  await seedTestConfiguration(options.sla);
  const smtp = await startSmtpCatcher();
  const temporalEnv = timeServer ? { TEMPORAL_ADDRESS: timeServer.address } : {};
  const config = loadConfig({ ...process.env, ...testEnv(db, smtp), ...temporalEnv, ...options.env });
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  installSdkLogger(logger);
  const connection = timeServer?.connection ?? (await Connection.connect({ address: config.temporal.address }));
  const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter: createDataConverter(config) });
  const now = timeServer?.now ?? Date.now;
  const metricsRegistry = new Registry(); // app and worker share it, as in npm start: /metrics shows both
  const app = createApp({ config, logger, temporal: client, now, metrics: { registry: metricsRegistry } });
  const { key: adminKey } = await createApiKey({ name: 'test admin', role: 'admin' }, config.secret);
  const h: Harness = {
    config,
    db,
    smtp,
    client,
    app,
    adminKey,
    worker: null,
    async startWorker() {
      h.worker = await startWorker(config, logger, { workflowBundle: await workflowBundle(), databaseConnected: true, metricsRegistry });
      return h.worker;
    },
    now,
    async serverTime() {
      if (!timeServer) throw new Error('serverTime needs startHarness({ timeSkipping: true })');
      return timeServer.currentTime();
    },
    async skipTime(ms) {
      if (!timeServer) throw new Error('skipTime needs startHarness({ timeSkipping: true })');
      await timeServer.skipTime(ms);
    },
    async stop() {
      await h.worker?.shutdown();
      await (timeServer ? timeServer.stop() : connection.close()); // the time server owns its connection
      await smtp.stop();
      await db.disconnect();
    },
  };
  if (options.worker !== false) await h.startWorker();
  return h;
}

/** Polls `probe` until it returns a truthy value (or throws the last failure after timeoutMs). */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw lastError instanceof Error ? lastError : new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
