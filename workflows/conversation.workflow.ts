/**
 * One conversation on a channel (one customer's chat with one of our accounts): its messages are routed to tickets one
 * after the other, in the order they were stored, so two quick messages from a new customer open one ticket, not two.
 * The webhook hands each stored message over by signal-with-start; the run ends after ten idle minutes (the next
 * message starts a new one) and continues as new after many messages. Routing retries until it succeeds, so a message
 * the webhook accepted is never lost, whatever was down at the time.
 */
import { condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { inboundMessageSignal } from './messages';

const routing = proxyActivities<Activities>({
  startToCloseTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m', nonRetryableErrorTypes: ['INBOUND_NOT_FOUND'] },
});

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
    await routing.routeInboundMessage({ inboundId: queue[0]! });
    queue.shift();
  }
}
