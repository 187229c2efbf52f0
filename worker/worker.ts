import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createSmtpMailer } from '../activities/mailer';
import type { Mailer } from '../activities/deps';
import type { Config } from '../config/config';
import type { Logger } from '../config/logger';
import { loadShippedCatalog } from '../domain/messages/shipped-catalog';
import { registerOutboxBacklog } from '../metrics/outbox-backlog';
import { Registry } from '../metrics/registry';
import { ticketEventMetrics } from '../metrics/ticket-event-metrics';
import { connectDatabase } from '../models/connection';
import '../models/all.models';
import { createDataConverter } from '../temporal/data-converter';

export interface StartedWorker {
  worker: Worker;
  /** Resolves when the worker has stopped. */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

export interface WorkerOverrides {
  /** A prebuilt workflow bundle (tests bundle once per file), built with `workflowBundleConverters`. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  mailer?: Mailer;
  /** Skip the database connection when the caller already connected mongoose (tests). */
  databaseConnected?: boolean;
  /** The process's metrics registry (worker/main.ts, npm start); default: one of its own that nobody reads. */
  metricsRegistry?: Registry;
}

/** Connects to the database and Temporal and runs the ticket worker until shutdown. */
export async function startWorker(config: Config, logger: Logger, overrides: WorkerOverrides = {}): Promise<StartedWorker> {
  const messages = loadShippedCatalog(); // a broken catalogue stops the worker here, before it takes any work
  if (!overrides.databaseConnected) await connectDatabase(config.mongodb.uri);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  // A client of its own for routing channel messages: it continues tickets by update and opens them through intake.
  const clientConnection = await Connection.connect({ address: config.temporal.address });
  const temporal = new Client({ connection: clientConnection, namespace: config.temporal.namespace, dataConverter: createDataConverter(config, logger) });
  const smtp = overrides.mailer ? null : createSmtpMailer(config.smtp);
  const mailer = overrides.mailer ?? smtp!;
  const registry = overrides.metricsRegistry ?? new Registry();
  registerOutboxBacklog(registry);
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataConverter: createDataConverter(config, logger),
    ...(overrides.workflowBundle ? { workflowBundle: overrides.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities({ logger, mailer, mailFrom: config.smtp.from, publicBaseUrl: config.http.publicBaseUrl, secret: config.secret, opsEmail: config.opsAlertEmail, messages, metrics: ticketEventMetrics(registry), integrations: config.integrations, inboundRouting: { config, temporal } }),
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
    shutdownGraceTime: '10s',
  });
  const done = worker.run().finally(async () => {
    smtp?.close();
    await connection.close();
    await clientConnection.close();
  });
  logger.info({ taskQueue: config.temporal.taskQueue }, 'worker started');
  return {
    worker,
    done,
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
