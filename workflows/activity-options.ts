/**
 * Activity option presets. Event writes and calendar math retry until they succeed (a ticket never loses an event);
 * everything that talks to the outside world has an upper bound, so a failure out there ends in a recorded event
 * instead of a stalled ticket.
 */
import type { RetryPolicy } from '@temporalio/common';
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const persistent: RetryPolicy = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '1m',
  nonRetryableErrorTypes: ['TICKET_NOT_FOUND', 'CUSTOMER_NOT_FOUND'],
};

/** Failure type of missing ops configuration: the workflow waits for ops instead of retrying blindly. */
export const CONFIGURATION_MISSING = 'CONFIGURATION_MISSING';

/** Failure type of a message the mail server refused for good (5xx, invalid recipient). */
export const DELIVERY_REJECTED = 'DELIVERY_REJECTED';

const planningRetry: RetryPolicy = { ...persistent, nonRetryableErrorTypes: [...(persistent.nonRetryableErrorTypes ?? []), CONFIGURATION_MISSING] };

export const storage = proxyActivities<Activities>({ startToCloseTimeout: '30s', retry: persistent });

/** Triage and routing: missing configuration comes back at once, as CONFIGURATION_MISSING. */
export const planning = proxyActivities<Activities>({ startToCloseTimeout: '30s', retry: planningRetry });

/** Outbound messages: temporary failures retry with backoff for up to two hours, permanent ones stop at once. */
export const delivery = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: '2h',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '10m', nonRetryableErrorTypes: [DELIVERY_REJECTED, 'TICKET_NOT_FOUND'] },
});

/**
 * One escalation level's side effects: retried for about five minutes (long enough to outlast a mail lease left by a
 * crashed worker), then the failure is recorded and the queue goes on.
 */
export const escalation = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1m', maximumAttempts: 10, nonRetryableErrorTypes: [CONFIGURATION_MISSING] },
});

/** Pure calendar math, run as activities so the result is recorded in history. */
export const calendarMath = proxyActivities<Activities>({ startToCloseTimeout: '10s', retry: persistent });
