/**
 * Test-only worker process for integration steps: the production config, logger and activity factory, with the
 * test workflow of ./integration-step.workflow.ts. tests/support/worker-process.ts starts it (and kills it with -9).
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { createIntegrationActivities } from '../../activities/integrations/integration.activities';
import { loadConfig } from '../../config/config';
import { createLogger } from '../../config/logger';
import { createDataConverter } from '../../temporal/data-converter';
import { installSdkLogger } from '../../worker/sdk-logging';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name: 'meridian-integration-worker' });
  installSdkLogger(logger);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataConverter: createDataConverter(config, logger),
    workflowsPath: require.resolve('./integration-step.workflow'),
    activities: createIntegrationActivities({ logger, integrations: config.integrations }),
  });
  process.once('SIGTERM', () => worker.shutdown());
  logger.info({ taskQueue: config.temporal.taskQueue }, 'worker started');
  await worker.run();
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
