/**
 * An integration step: one call to an external system (a refund through the payment gateway, a restriction on the
 * platform) with the step's timeout and retry policy. The idempotency key names the ticket, the step and how many
 * calls of this step failed before: a retry of the same call (a worker killed mid-call, a timeout) sends the same key
 * and gets the same refund; only a call after a failed one is a new operation.
 */
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { IntegrationCall, IntegrationResult } from '../../domain/integrations';
import type { IntegrationStep } from '../../domain/processes/steps';
import { record, SYSTEM } from '../ticket-recorder';
import type { TicketState } from '../ticket-state';

function reasonOf(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) return `${cause.type ?? 'failure'}: ${cause.message}`;
  return cause instanceof Error ? cause.message : 'the call failed';
}

function callFor(s: TicketState, step: IntegrationStep, idempotencyKey: string): IntegrationCall | string {
  const c = s.plan?.case;
  const base = { ticketId: s.ticketId, stepId: step.id, idempotencyKey, integration: step.integration };
  if (step.integration === 'payments.refund') {
    if (!c?.refund) return 'the ticket names no refund (amount, currency and payment)';
    return { ...base, refund: { amount: c.refund.amount.minor, currency: c.refund.amount.currency, paymentId: c.refund.paymentId }, reason: 'requested_by_customer' };
  }
  if (!c?.accountId) return 'the ticket names no platform account';
  return { ...base, accountId: c.accountId, restriction: step.restriction, reason: `ticket ${s.ticketId}` };
}

export async function runIntegration(s: TicketState, step: IntegrationStep): Promise<string> {
  const failures = s.integrationFailures[step.id] ?? 0;
  const key = `${s.ticketId}:${step.id}:${failures + 1}`;
  const call = callFor(s, step, key);
  let result: IntegrationResult;
  if (typeof call === 'string') {
    result = { outcome: 'failed', reference: null, detail: call };
  } else {
    const { runIntegration: run } = proxyActivities<Activities>({
      startToCloseTimeout: `${step.timeoutSeconds}s`,
      // Well inside the 24 h a gateway keeps an idempotency key (Stripe prunes them after that): a retry never outlives it.
      scheduleToCloseTimeout: '12h',
      retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1m', maximumAttempts: step.retry.maximumAttempts, nonRetryableErrorTypes: ['INTEGRATION_NOT_CONFIGURED'] },
    });
    try {
      result = await run(call);
    } catch (err) {
      result = { outcome: 'failed', reference: null, detail: reasonOf(err) };
    }
  }
  if (result.outcome === 'failed') s.integrationFailures[step.id] = failures + 1;
  await record(s, 'integration.completed', SYSTEM, { stepId: step.id, integration: step.integration, key, outcome: result.outcome, reference: result.reference, detail: result.detail });
  return result.outcome;
}
