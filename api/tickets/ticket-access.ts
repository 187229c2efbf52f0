import type { AuthContext } from '../middleware/auth';
import { MeridianError } from '../../domain/errors';
import type { Actor } from '../../domain/ticket-events';
import type { TaskSnapshot } from '../../domain/ticket-snapshot';
import type { ActionScope } from '../../workflows/messages';
import { TaskModel } from '../../models/task.model';
import { TicketModel, type TicketDoc } from '../../models/ticket.model';

/**
 * Loads a ticket the caller may see. Agents see tickets that are or were held by one of their departments (a process
 * move or an escalation that reassigns the task keeps the earlier department's read access);
 * anything else is TICKET_NOT_FOUND (404), so ticket ids of other departments cannot be probed.
 */
export async function loadVisibleTicket(auth: AuthContext, ticketId: string): Promise<TicketDoc> {
  const ticket = await TicketModel.findById(ticketId).lean<TicketDoc>();
  if (!ticket || ticket.intake !== 'started') throw new MeridianError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
  if (readModelShows(auth, ticket)) return ticket;
  const seen = await TaskModel.exists({ ticketId, departmentId: { $in: auth.departmentIds } });
  if (!seen) throw new MeridianError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
  return ticket;
}

/**
 * Whether the ticket's read model alone shows it to the caller: admins and ops see every ticket, agents those whose
 * current task is or was held by one of their departments (or that one of them was asked to approve).
 */
export function readModelShows(auth: AuthContext, ticket: Pick<TicketDoc, 'task' | 'tasks' | 'departmentIds'>): boolean {
  if (auth.role !== 'agent') return true;
  if (currentTasksOf(ticket).some((t) => auth.departmentIds.includes(t.departmentId))) return true;
  return (ticket.departmentIds ?? []).some((d) => auth.departmentIds.includes(d));
}

/** The tasks the read model shows as current: the ticket's task, or a parallel step's branch tasks. */
export function currentTasksOf(ticket: Pick<TicketDoc, 'task' | 'tasks'>): TaskSnapshot[] {
  return [...(ticket.task ? [ticket.task] : []), ...(ticket.tasks ?? [])];
}

/** The current task with this id if the caller's departments hold it, as the read model shows it (admins and ops: any). */
export function heldCurrentTask(auth: AuthContext, ticket: TicketDoc, taskId: string): TaskSnapshot | undefined {
  const task = currentTasksOf(ticket).find((t) => t.taskId === taskId);
  return task && (auth.role !== 'agent' || auth.departmentIds.includes(task.departmentId)) ? task : undefined;
}

/** The departments a caller may act for, checked again by the workflow against the task as it is now (null: all). */
export function actionScope(auth: AuthContext): ActionScope {
  return auth.role === 'agent' ? [...auth.departmentIds] : null;
}

/** The actor recorded for a staff action: the member the key acts as, else the key itself. */
export function staffActor(auth: AuthContext): Actor {
  return auth.memberId ? { type: 'member', id: auth.memberId } : { type: 'api_key', id: auth.keyId };
}
