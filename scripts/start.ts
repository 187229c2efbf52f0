/** `npm start`: the embedded stack, the API, a worker and the demo configuration on one machine. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { provisionBootstrapAdminKey } from '../api/bootstrap-admin-key';
import { startServer } from '../api/server';
import { DEFAULT_HTTP_PORT, loadConfig, type Config } from '../config/config';
import { createLogger } from '../config/logger';
import { createMetricsRegistry } from '../metrics/registry';
import { installSdkLogger } from '../worker/sdk-logging';
import { sdkMetricsExporter } from '../worker/sdk-metrics';
import { startWorker } from '../worker/worker';
import { seedDemoConfiguration } from './seed-demo';
import { preferredPort } from './stack/free-port';
import { cacheDir } from './stack/paths';
import { startSmtpCatcher, type SmtpCatcher } from './stack/smtp-catcher';
import { startEmbeddedStack, type EmbeddedStack } from './stack/stack';
import { banner } from './start/banner';
import { localSecret } from './start/local-secret';
import { stopAllOnce } from './start/shutdown';
import { onSupervisorGone } from './start/supervisor';

async function main(): Promise<void> {
  console.error('meridian: starting the embedded stack (the first run builds Temporal and FerretDB; later runs reuse them)…');
  const stack = await startEmbeddedStack({
    dataDir: path.join(cacheDir(), 'data'),
    persistent: true,
    ui: true,
    // The conventional ports when they are free, else free ones (the banner prints where everything runs).
    temporalPort: await preferredPort(7233),
    temporalUiPort: await preferredPort(8233),
    mongoPort: await preferredPort(27017),
  });
  const smtp = await startSmtpCatcher({ port: await preferredPort(1025) });
  smtp.onMessage((mail) => console.error(`meridian: mail caught for ${mail.envelope.to.length} recipient(s), ${mail.raw.length} bytes`));
  const config = await startConfig(stack, smtp);
  const logger = createLogger({ level: config.logLevel });
  // One process, one registry: the API's /metrics (on when METRICS_TOKEN is set) serves the HTTP, worker and SDK metrics.
  const registry = createMetricsRegistry({ processMetrics: true });
  const sdk = config.metrics.token ? await sdkMetricsExporter() : undefined;
  installSdkLogger(logger, 'WARN', sdk);
  const server = await startServer(config, logger, { metrics: { registry, sdkMetricsUrl: sdk?.url }, emailIn: true });
  await seedDemoConfiguration((line) => console.error(`meridian: ${line}`));
  const keyCreated = await provisionBootstrapAdminKey(config.secret, config.bootstrapAdminKeyFile);
  const worker = await startWorker(config, logger, { databaseConnected: true, metricsRegistry: registry });
  console.log(
    banner({
      apiUrl: server.url,
      temporalAddress: config.temporal.address,
      temporalNamespace: config.temporal.namespace,
      temporalUiUrl: stack.temporalUiUrl,
      databaseUri: config.mongodb.uri,
      smtpPort: smtp.port,
      emailIn: { host: config.inboundEmail.smtp.host, port: config.inboundEmail.smtp.port },
      adminKey: { file: config.bootstrapAdminKeyFile, created: keyCreated, fileExists: existsSync(config.bootstrapAdminKeyFile) },
      started: stack.started,
    }),
  );

  const stop = stopAllOnce([
    { name: 'worker', stop: () => worker.shutdown() },
    { name: 'API', stop: () => server.close() },
    { name: 'mail catcher', stop: () => smtp.stop() },
    { name: 'embedded stack', stop: () => stack.stop() },
  ]);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
  onSupervisorGone(() => void stop('bootstrap exited'));
}

/** The configuration for this machine: the environment, with the embedded servers and a local secret filled in. */
async function startConfig(stack: EmbeddedStack, smtp: SmtpCatcher): Promise<Config> {
  const httpPort = process.env.HTTP_PORT ?? String(await preferredPort(DEFAULT_HTTP_PORT));
  return loadConfig({
    PUBLIC_BASE_URL: `http://localhost:${httpPort}`,
    LOG_LEVEL: 'warn',
    ...process.env,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    MONGODB_URI: process.env.MONGODB_URI ?? `${stack.mongoUri}/meridian`,
    SMTP_PORT: String(smtp.port),
    MERIDIAN_SECRET: process.env.MERIDIAN_SECRET ?? (await localSecret(cacheDir())),
    HTTP_PORT: httpPort,
  });
}

main().catch((err: unknown) => {
  // The whole message: for a server that failed it names the server, the reason and its last output lines.
  console.error(`meridian: could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
