/**
 * What a process `integration` step asks of a system outside Meridian (refund a payment, restrict an account) and what
 * it gets back. Types only: the workflow builds the call, the activity (activities/integrations/) carries it out.
 */

export const INTEGRATION_NAMES = ['payments.refund', 'platform.restrict'] as const;
export type IntegrationName = (typeof INTEGRATION_NAMES)[number];

export const ACCOUNT_RESTRICTIONS = ['purchases', 'account'] as const;
export type AccountRestriction = (typeof ACCOUNT_RESTRICTIONS)[number];

/** One call of an integration step, carrying the idempotency key the workflow chose (deterministic, never per attempt). */
export interface IntegrationCall {
  ticketId: string;
  stepId: string;
  /** Sent on every attempt, so a retry after a lost answer gets the first call's result and never acts twice. */
  idempotencyKey: string;
  integration: IntegrationName;
  /** `payments.refund`: integer minor units of an ISO 4217 currency (JPY 0 digits, KWD 3), the gateway's payment id. */
  refund?: { amount: number; currency: string; paymentId: string };
  /** `platform.restrict`: the platform's account id and what to restrict. */
  accountId?: string;
  restriction?: AccountRestriction;
  reason?: string;
}

/** The business answer: the system did it (`reference` is its id of what it did) or refused it for good (`detail` says why). */
export interface IntegrationResult {
  outcome: 'succeeded' | 'failed';
  reference: string | null;
  detail: string;
}

/**
 * ApplicationFailure types the integration activity throws instead of answering, for the workflow to branch on.
 * `retryable: false` ones need a person (configuration, credentials, a broken answer): an outcome cannot be told.
 */
export const INTEGRATION_FAILURES = {
  /** No base URL or credential configured for this integration. */
  INTEGRATION_NOT_CONFIGURED: { retryable: false },
  /** The system refused our credentials (401/403): configuration to fix, not the customer's request. */
  INTEGRATION_UNAUTHORIZED: { retryable: false },
  /** The key was already used with other parameters: the earlier call's effect (if any) stands, this one was not made. */
  INTEGRATION_IDEMPOTENCY_CONFLICT: { retryable: false },
  /** A success status with a body that is not the documented object: the effect may have happened, check by hand. */
  INTEGRATION_INVALID_RESPONSE: { retryable: false },
  /** Unreachable, timed out, 429, 5xx, or the same key still in flight (409): retried with the same key. */
  INTEGRATION_UNAVAILABLE: { retryable: true },
  /** The refund was accepted but not settled yet (`pending`, `requires_action`): retried, each attempt re-reads it. */
  INTEGRATION_PENDING: { retryable: true },
} as const satisfies Record<string, { retryable: boolean }>;
export type IntegrationFailureType = keyof typeof INTEGRATION_FAILURES;
