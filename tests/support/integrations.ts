/** Helpers for integration-step tests: the activity over the fakes' URLs, a captured log, and a failure's shape. */
import { ApplicationFailure } from '@temporalio/common';
import { createIntegrationActivities, type IntegrationTiming } from '../../activities/integrations/integration.activities';
import type { Config } from '../../config/config';
import { captureLogger } from './log-capture';

/** runIntegration over `integrations`, logging into `logs` (debug level, so every line a step writes is there). */
export function integrationActivities(integrations: Partial<Config['integrations']>, logs: string[] = [], timing: Partial<IntegrationTiming> = {}) {
  return createIntegrationActivities({
    logger: captureLogger(logs, 'debug'),
    integrations,
    integrationTiming: { requestTimeoutMs: 5_000, pendingReadIntervalMs: 10, ...timing },
  });
}

/** What a failed activity call threw, as the workflow would branch on it. */
export async function failureOf(promise: Promise<unknown>): Promise<{ type: string | null | undefined; retryable: boolean; message: string }> {
  const err: unknown = await promise.then(
    (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`);
    },
    (e: unknown) => e,
  );
  if (!(err instanceof ApplicationFailure)) throw err;
  return { type: err.type, retryable: !err.nonRetryable, message: err.message };
}

let sequence = 0;
/** A fresh idempotency key per test, shaped as a workflow would derive it. */
export const stepKey = (ticketId: string, stepId: string) => `${ticketId}:${stepId}:${(sequence += 1)}`;
