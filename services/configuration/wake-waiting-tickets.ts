import type { Client } from '@temporalio/client';
import { ticketWorkflowId } from '../../domain/ticket';
import { TicketModel } from '../../models/ticket.model';
import { configurationChangedSignal } from '../../workflows/messages';

/** Tickets woken per configuration change; the rest retry on their own backoff timer. */
const WAKE_LIMIT = 500;

/** Tells every ticket waiting on missing configuration to try again now; answers how many were told. */
export async function wakeTicketsNeedingAttention(temporal: Client): Promise<number> {
  const waiting = await TicketModel.find({ status: 'needs_attention' }, { _id: 1 }).limit(WAKE_LIMIT).lean();
  await Promise.allSettled(waiting.map((t) => temporal.workflow.getHandle(ticketWorkflowId(t._id)).signal(configurationChangedSignal)));
  return waiting.length;
}
