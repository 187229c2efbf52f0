/** Composition root of the worker process: config, logger, SDK log bridge, signals. */
import { loadConfig } from '../config/config';
import { createLogger } from '../config/logger';
import { disconnectDatabase } from '../models/connection';
import { installSdkLogger } from './sdk-logging';
import { startWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name: 'meridian-worker' });
  installSdkLogger(logger);
  const started = await startWorker(config, logger);
  const stop = () => void started.shutdown();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await started.done;
  await disconnectDatabase();
  logger.info('worker stopped');
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
