/**
 * One conversation on a channel (one customer's chat with one of our accounts): its messages are routed to tickets one
 * after the other, in the order they were stored, so two quick messages from a new customer open one ticket, not two.
 * The webhook hands each stored message over by signal-with-start; the run ends after ten idle minutes (the next
 * message starts a new one) and continues as new after many messages. Routing retries until it succeeds, so a message
 * the webhook accepted is never lost, whatever was down at the time.
 */
import { condition, continueAsNew, log, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { MEDIA_FETCH_ATTEMPTS } from '../domain/channels/media-policy';
import { inboundMessageSignal } from './messages';

const routing = proxyActivities<Activities>({
  startToCloseTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m', nonRetryableErrorTypes: ['INBOUND_NOT_FOUND'] },
});

/** Bounded: the activity lists what still fails at its last attempt, so a medium never holds up the conversation. */
const media = proxyActivities<Activities>({
  startToCloseTimeout: '15m',
  retry: { initialInterval: '15s', backoffCoefficient: 2, maximumInterval: '10m', maximumAttempts: MEDIA_FETCH_ATTEMPTS },
});

/** Media are fetched (and listed on the message) before it is routed; runs from before this never fetched them. */
export const INBOUND_MEDIA_PATCH = 'inbound-media';

const IDLE = '10 minutes';
const MESSAGES_PER_RUN = 200;

export async function conversationWorkflow(input: { pending?: string[] }): Promise<void> {
  const queue = [...(input.pending ?? [])];
  setHandler(inboundMessageSignal, (inboundId) => {
    if (!queue.includes(inboundId)) queue.push(inboundId);
  });
  for (let routed = 0; ; routed++) {
    if (routed >= MESSAGES_PER_RUN) return continueAsNew<typeof conversationWorkflow>({ pending: queue });
    if (!(await condition(() => queue.length > 0, IDLE))) return;
    if (patched(INBOUND_MEDIA_PATCH)) await fetchMedia(queue[0]!);
    await routing.routeInboundMessage({ inboundId: queue[0]! });
    queue.shift();
  }
}

async function fetchMedia(inboundId: string): Promise<void> {
  try {
    await media.fetchInboundMedia({ inboundId });
  } catch (err) {
    // Only when the database failed at the last attempt: the message goes to its ticket without its media listed.
    log.warn('media of an inbound message not fetched', { inboundId, error: err instanceof Error ? err.message : String(err) });
  }
}
