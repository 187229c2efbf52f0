/**
 * The soak's worker process: the production worker (worker/worker.ts) from the workflow bundle the soak built once,
 * so a restart after SIGKILL does not spend half a minute bundling. Usage: worker-entry.ts <workflow-bundle.js>
 */
import { loadConfig } from '../../config/config';
import { createLogger } from '../../config/logger';
import { disconnectDatabase } from '../../models/connection';
import { installSdkLogger } from '../../worker/sdk-logging';
import { startWorker } from '../../worker/worker';

async function main(codePath: string): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name: 'soak-worker' });
  installSdkLogger(logger);
  const started = await startWorker(config, logger, { workflowBundle: { codePath } });
  process.stdout.write('soak worker ready\n');
  const stop = () => void started.shutdown();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await started.done;
  await disconnectDatabase();
}

const bundle = process.argv[2];
if (!bundle) throw new Error('usage: worker-entry.ts <workflow-bundle.js>');
main(bundle).catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
