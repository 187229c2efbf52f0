/**
 * Test-only workflow for tests/workflows/integration-worker-kill.test.ts: one integration step, as the lead's process
 * workflow will run it (the key comes from the input, never from the attempt), with a short start-to-close timeout
 * so a killed worker's attempt is retried within seconds.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { createIntegrationActivities } from '../../activities/integrations/integration.activities';
import type { IntegrationCall, IntegrationResult } from '../../domain/integrations';

const { runIntegration } = proxyActivities<ReturnType<typeof createIntegrationActivities>>({
  startToCloseTimeout: '8s',
  retry: { initialInterval: '500ms', backoffCoefficient: 1, maximumAttempts: 30 },
});

/** Runs one integration call to its outcome. */
export async function integrationStepWorkflow(call: IntegrationCall): Promise<IntegrationResult> {
  return runIntegration(call);
}
