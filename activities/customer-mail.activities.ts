import type { ActivityDeps } from './deps';
import { createDeliveryActivities } from './delivery/delivery.activities';
import { isDeliveryRejected } from './email-outbox';

/** Release 0.1.0's reply mail, kept for its open runs: now the same mail (and outbox key) as the outbound queue's. */
export function createCustomerMailActivities(deps: Pick<ActivityDeps, 'mailer' | 'mailFrom' | 'publicBaseUrl' | 'secret' | 'opsEmail' | 'messages'>) {
  const { deliverMessage } = createDeliveryActivities(deps);
  return {
    /**
     * Sends an agent's public reply to the customer by e-mail (if the customer has an address that accepts it).
     * 0.1.0's reply handler awaits this and cannot handle a failure, so a refusal for good answers `sent: false`.
     */
    async emailCustomerReply(input: { ticketId: string; messageId: string; body: string }): Promise<{ sent: boolean }> {
      try {
        const { sent } = await deliverMessage({ ticketId: input.ticketId, key: `${input.ticketId}:reply:${input.messageId}`, kind: 'agent-reply', body: input.body });
        return { sent };
      } catch (err) {
        if (isDeliveryRejected(err)) return { sent: false };
        throw err;
      }
    },
  };
}
