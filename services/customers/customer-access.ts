import { TicketModel } from '../../models/ticket.model';

/** Whose customers a caller sees: the departments of an agent key, or null for admin and ops (everyone). */
export type CustomerScope = readonly string[] | null;

/**
 * The customers among `ids` the scope sees: those with a started ticket that is or was in one of its departments (the
 * read model's `departmentIds` keeps every department that held a task). One indexed read per call.
 */
export async function visibleCustomerIds(ids: readonly string[], scope: CustomerScope): Promise<Set<string>> {
  if (scope === null) return new Set(ids);
  if (ids.length === 0 || scope.length === 0) return new Set();
  const tickets = await TicketModel.find({ customerId: { $in: ids }, intake: 'started', departmentIds: { $in: scope } }, { customerId: 1 }).lean();
  return new Set(tickets.map((t) => t.customerId));
}

/** Whether the scope sees this customer. */
export async function customerVisible(id: string, scope: CustomerScope): Promise<boolean> {
  return (await visibleCustomerIds([id], scope)).has(id);
}

/** The filter on tickets the scope may see (agents: tickets that are or were in their departments). */
export function ticketScopeFilter(scope: CustomerScope): Record<string, unknown> {
  return scope === null ? {} : { departmentIds: { $in: scope } };
}
