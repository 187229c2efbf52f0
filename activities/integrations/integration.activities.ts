import { ApplicationFailure } from '@temporalio/common';
import { assertNever } from '../../domain/errors';
import type { IntegrationCall, IntegrationResult } from '../../domain/integrations';
import type { ActivityDeps } from '../deps';
import { integrationFailure } from './api-call';
import { IntegrationCallSchema, type ParsedIntegrationCall, type RefundCall, type RestrictCall } from './integration-call.schema';
import { createPaymentGatewayClient, type PaymentGatewayClient, type Refund } from './payment-gateway';
import { createPlatformClient } from './platform';

/** How long one request may take, and how a pending refund is re-read within one attempt. */
export interface IntegrationTiming {
  requestTimeoutMs: number;
  pendingReads: number;
  pendingReadIntervalMs: number;
}

const DEFAULT_TIMING: IntegrationTiming = { requestTimeoutMs: 20_000, pendingReads: 3, pendingReadIntervalMs: 2_000 };

/** The worker's logger and configured integrations (either may be absent); timings default to DEFAULT_TIMING. */
export interface IntegrationDeps {
  logger: ActivityDeps['logger'];
  integrations: Partial<ActivityDeps['integrations']>;
  integrationTiming?: Partial<IntegrationTiming>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parseCall(input: IntegrationCall): ParsedIntegrationCall {
  const parsed = IntegrationCallSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `/${i.path.join('/')}: ${i.message}`).join('; ');
  throw ApplicationFailure.create({ type: 'VALIDATION_FAILED', message: `invalid integration call: ${issues}`, nonRetryable: true });
}

/**
 * What a refund's status means for the step. `pending`/`requires_action` after the reads of one attempt throws the
 * retryable INTEGRATION_PENDING: Temporal's backoff keeps asking (each attempt replays the create with the same key,
 * which returns the same refund, then reads its status), durably across worker restarts, until the step's retry policy
 * gives up. Answering `succeeded` for a refund that can still fail would tell the customer something untrue.
 */
function refundResult(refund: Refund): IntegrationResult {
  switch (refund.status) {
    case 'succeeded':
      return { outcome: 'succeeded', reference: refund.id, detail: `refunded ${refund.amount} ${refund.currency}` };
    case 'failed':
    case 'canceled':
      return { outcome: 'failed', reference: refund.id, detail: `refund ${refund.status}: ${refund.failure_reason ?? 'no reason given'}` };
    case 'pending':
    case 'requires_action':
      throw integrationFailure('INTEGRATION_PENDING', `refund ${refund.id} is ${refund.status}`, [{ refundId: refund.id }]);
    default:
      return assertNever(refund.status);
  }
}

/** Runs the `integration` steps of a process: a refund through the payment gateway, a restriction on the platform. */
export function createIntegrationActivities(deps: IntegrationDeps) {
  const timing = { ...DEFAULT_TIMING, ...deps.integrationTiming };
  const { paymentGateway, platform } = deps.integrations;
  const gateway = paymentGateway ? createPaymentGatewayClient(paymentGateway, timing.requestTimeoutMs) : null;
  const accounts = platform ? createPlatformClient(platform, timing.requestTimeoutMs) : null;

  const notConfigured = (integration: string, variables: string) =>
    ApplicationFailure.create({ type: 'INTEGRATION_NOT_CONFIGURED', message: `${integration} is not configured: set ${variables}`, nonRetryable: true });

  async function settle(client: PaymentGatewayClient, first: Refund): Promise<Refund> {
    let refund = first;
    for (let read = 0; read < timing.pendingReads && (refund.status === 'pending' || refund.status === 'requires_action'); read += 1) {
      await sleep(timing.pendingReadIntervalMs);
      refund = await client.retrieveRefund(refund.id);
    }
    return refund;
  }

  async function refund(call: RefundCall): Promise<IntegrationResult> {
    if (!gateway) throw notConfigured('payments.refund', 'PAYMENT_GATEWAY_URL and PAYMENT_GATEWAY_SECRET_KEY');
    const answer = await gateway.createRefund({ ...call.refund, ticketId: call.ticketId, idempotencyKey: call.idempotencyKey });
    if ('refused' in answer) return { outcome: 'failed', reference: null, detail: answer.refused };
    return refundResult(await settle(gateway, answer.refund));
  }

  async function restrict(call: RestrictCall): Promise<IntegrationResult> {
    if (!accounts) throw notConfigured('platform.restrict', 'PLATFORM_API_URL and PLATFORM_API_TOKEN');
    const { accountId, restriction, reason, ticketId, idempotencyKey } = call;
    const answer = await accounts.restrictAccount({ accountId, restriction, reason, ticketId, idempotencyKey });
    if ('refused' in answer) return { outcome: 'failed', reference: null, detail: answer.refused };
    return { outcome: 'succeeded', reference: answer.restriction.id, detail: `account restricted: ${answer.restriction.restriction}` };
  }

  function run(call: ParsedIntegrationCall): Promise<IntegrationResult> {
    switch (call.integration) {
      case 'payments.refund':
        return refund(call);
      case 'platform.restrict':
        return restrict(call);
      default:
        return assertNever(call);
    }
  }

  return {
    /**
     * Carries out one integration step exactly once per idempotency key: every attempt sends the workflow's key, so a
     * retry after a lost answer or a killed worker gets the first attempt's result. Answers the business outcome;
     * throws the ApplicationFailures of domain/integrations.ts (INTEGRATION_*) when there is no outcome to tell.
     */
    async runIntegration(input: IntegrationCall): Promise<IntegrationResult> {
      const call = parseCall(input);
      const log = deps.logger.child({ ticketId: call.ticketId, stepId: call.stepId, integration: call.integration });
      try {
        const result = await run(call);
        log.info({ outcome: result.outcome, reference: result.reference }, 'integration step done');
        return result;
      } catch (err) {
        if (err instanceof ApplicationFailure) log.warn({ failure: err.type, retryable: !err.nonRetryable }, 'integration step not done');
        throw err;
      }
    },
  };
}
