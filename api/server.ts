import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import type { Router } from 'express';
import { loadConfig, type Config } from '../config/config';
import { createLogger, type Logger } from '../config/logger';
import { connectDatabase, disconnectDatabase } from '../models/connection';
import type { MetricsSource } from '../metrics/exposition';
import { createMetricsRegistry } from '../metrics/registry';
import { createDataConverter } from '../temporal/data-converter';
import '../models/all.models'; // registers every model before connectDatabase creates missing indexes
import { createApp } from './app';
import { startEmailIn } from './email/email-in';
import { startPendingIntakeSweeper } from './background/pending-intake-sweeper';
import { provisionBootstrapAdminKey } from './bootstrap-admin-key';

/** In-flight requests get this long to finish on shutdown before their sockets are closed. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export interface StartServerOptions {
  /** Routers to mount after the built-in ones, built once the Temporal client exists. */
  extraRouters?: (deps: { config: Config; logger: Logger; temporal: Client }) => Array<{ path: string; router: Router }>;
  /** What GET /metrics serves (the process's registry); default: a registry of the app's own. */
  metrics?: MetricsSource;
  /** Also take e-mail in (the SMTP listener, and the IMAP poller when configured): `npm start` and the API's main. */
  emailIn?: boolean;
}

/** Connects MongoDB and Temporal, listens on `config.http.port`, and closes all of it on close(). */
export async function startServer(config: Config, logger: Logger, options: StartServerOptions = {}): Promise<RunningServer> {
  await connectDatabase(config.mongodb.uri);
  let connection: Connection;
  try {
    connection = await Connection.connect({ address: config.temporal.address });
  } catch (err) {
    await disconnectDatabase();
    throw err;
  }
  const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter: createDataConverter(config, logger) });
  const extraRouters = options.extraRouters?.({ config, logger, temporal }) ?? [];
  const app = createApp({ config, logger, temporal, extraRouters, metrics: options.metrics });
  const sweeper = startPendingIntakeSweeper({ config, temporal, logger });
  const server = app.listen(config.http.port);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const emailIn = options.emailIn ? await startEmailIn({ config, temporal, logger }) : null;

  const close = async (): Promise<void> => {
    sweeper.stop();
    await emailIn?.stop();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    await closed;
    clearTimeout(force);
    await connection.close();
    await disconnectDatabase();
  };
  return { url: `http://127.0.0.1:${port}`, close };
}

/** `tsx api/server.ts`: start, save a bootstrap admin key to a file on a fresh installation, stop on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name: 'meridian-api' });
  const server = await startServer(config, logger, { metrics: { registry: createMetricsRegistry({ processMetrics: true }) }, emailIn: true });
  if (await provisionBootstrapAdminKey(config.secret, config.bootstrapAdminKeyFile)) {
    // Where the key is, never the key: logs are kept and shipped, the file is readable by this user only.
    logger.warn({ file: config.bootstrapAdminKeyFile }, 'bootstrap admin API key created; read it from the file (mode 0600)');
  }
  logger.info({ url: server.url }, 'api listening');
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'api shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'api shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
