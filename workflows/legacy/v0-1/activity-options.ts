/** Activity option presets: event writes and planning retry until they succeed (a ticket never loses an event). */
import type { RetryPolicy } from '@temporalio/common';
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../../activities';

const persistent: RetryPolicy = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '1m',
  nonRetryableErrorTypes: ['TICKET_NOT_FOUND', 'CUSTOMER_NOT_FOUND'],
};

export const storage = proxyActivities<Activities>({ startToCloseTimeout: '30s', retry: persistent });

export const messaging = proxyActivities<Activities>({
  startToCloseTimeout: '1m',
  retry: { ...persistent, maximumInterval: '5m' },
});

/** Pure calendar math, run as activities so the result is recorded in history. */
export const calendarMath = proxyActivities<Activities>({ startToCloseTimeout: '10s', retry: persistent });
