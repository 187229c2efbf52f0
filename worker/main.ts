/** Composition root of the worker process: config, logger, metrics, SDK runtime (logs and metrics), signals. */
import { loadConfig, type Config } from '../config/config';
import { createLogger, type Logger } from '../config/logger';
import { createMetricsRegistry, type Registry } from '../metrics/registry';
import { disconnectDatabase } from '../models/connection';
import { startMetricsEndpoint, type MetricsEndpoint } from './metrics-endpoint';
import { sdkMetricsExporter } from './sdk-metrics';
import { installSdkLogger } from './sdk-logging';
import { startWorker } from './worker';

/** With WORKER_METRICS_ADDRESS: the SDK's exporter on loopback, served with Meridian's worker metrics at that address. */
async function startMetrics(config: Config, logger: Logger, registry: Registry): Promise<MetricsEndpoint | null> {
  const endpoint = config.metrics.worker;
  if (!endpoint) {
    installSdkLogger(logger);
    return null;
  }
  const sdk = await sdkMetricsExporter();
  installSdkLogger(logger, 'WARN', sdk);
  const started = await startMetricsEndpoint({ ...endpoint, source: { registry, sdkMetricsUrl: sdk.url }, logger });
  logger.info({ url: started.url }, 'worker metrics listening');
  return started;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name: 'meridian-worker' });
  const registry = createMetricsRegistry({ processMetrics: true });
  const metrics = await startMetrics(config, logger, registry);
  const started = await startWorker(config, logger, { metricsRegistry: registry });
  const stop = () => void started.shutdown();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await started.done;
  await metrics?.close();
  await disconnectDatabase();
  logger.info('worker stopped');
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
