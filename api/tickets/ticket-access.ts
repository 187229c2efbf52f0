import type { AuthContext } from '../middleware/auth';
import { MeridianError } from '../../domain/errors';
import type { Actor } from '../../domain/ticket-events';
import { TaskModel } from '../../models/task.model';
import { TicketModel, type TicketDoc } from '../../models/ticket.model';

/**
 * Loads a ticket the caller may see. Agents see tickets that have (or had) a task in one of their departments;
 * anything else is TICKET_NOT_FOUND (404), so ticket ids of other departments cannot be probed.
 */
export async function loadVisibleTicket(auth: AuthContext, ticketId: string): Promise<TicketDoc> {
  const ticket = await TicketModel.findById(ticketId).lean<TicketDoc>();
  if (!ticket || ticket.intake !== 'started') throw new MeridianError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
  if (auth.role !== 'agent') return ticket;
  if (ticket.task && auth.departmentIds.includes(ticket.task.departmentId)) return ticket;
  const seen = await TaskModel.exists({ ticketId, departmentId: { $in: auth.departmentIds } });
  if (!seen) throw new MeridianError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
  return ticket;
}

/** For actions on the current task: agents must belong to the department that holds it now. */
export async function loadActionableTicket(auth: AuthContext, ticketId: string): Promise<TicketDoc> {
  const ticket = await loadVisibleTicket(auth, ticketId);
  if (auth.role === 'agent' && !(ticket.task && auth.departmentIds.includes(ticket.task.departmentId)))
    throw new MeridianError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
  return ticket;
}

/** The actor recorded for a staff action: the member the key acts as, else the key itself. */
export function staffActor(auth: AuthContext): Actor {
  return auth.memberId ? { type: 'member', id: auth.memberId } : { type: 'api_key', id: auth.keyId };
}
