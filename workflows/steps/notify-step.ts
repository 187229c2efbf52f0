import type { NotifyStep } from '../../domain/processes/steps';
import { enqueueOutbound } from '../outbound';
import { record, SYSTEM } from '../ticket-recorder';
import type { TicketState } from '../ticket-state';

/**
 * Queues a customer message from a template. The key names the step and the ticket's pass through it, so a retried
 * activity or a replay never sends it twice, and a loop back through the step sends it again on purpose.
 */
export async function runNotify(s: TicketState, step: NotifyStep): Promise<string> {
  const key = `${s.ticketId}:notify:${step.id}:${s.passes[step.id] ?? 1}`;
  if (step.template === 'approval-outcome') {
    const last = [...s.approvals].reverse().find((a) => a.status !== 'pending');
    const outcome = last?.status === 'rejected' ? 'rejected' : 'approved';
    enqueueOutbound(s, { key, kind: 'approval-outcome', values: { outcome, reason: last?.reason ?? '' } });
  } else {
    const refund = s.plan?.case?.refund;
    if (!refund) {
      await record(s, 'customer.notified', SYSTEM, { stepId: step.id, template: step.template, key: null, skipped: 'the ticket names no refund' });
      return 'sent';
    }
    enqueueOutbound(s, { key, kind: 'refund-done', values: { amount: refund.amount } });
  }
  await record(s, 'customer.notified', SYSTEM, { stepId: step.id, template: step.template, key });
  return 'sent';
}
