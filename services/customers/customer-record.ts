import { CustomerIdentityModel, type CustomerIdentityDoc } from '../../models/customer-identity.model';
import { CustomerModel, type CustomerDoc } from '../../models/customer.model';
import { TicketEventModel } from '../../models/ticket-event.model';
import { TicketModel } from '../../models/ticket.model';
import { customerVisible, ticketScopeFilter, type CustomerScope } from './customer-access';

/** Statuses in which a ticket is no longer open. */
const DONE = ['resolved', 'closed'];

/**
 * A customer the scope may see, or null (unknown, or an agent's customer without a ticket in its departments; a merged
 * customer is seen by whoever sees its survivor, so links to it keep resolving).
 */
export async function findVisibleCustomer(id: string, scope: CustomerScope): Promise<CustomerDoc | null> {
  const customer = await CustomerModel.findById(id).lean<CustomerDoc>();
  if (!customer) return null;
  if (scope === null) return customer;
  return (await customerVisible(customer.mergedInto ?? id, scope)) ? customer : null;
}

/** What the customer 360 shows besides the record: identities, open tickets (in the scope), when last seen. */
export interface CustomerFacts {
  identities: CustomerIdentityDoc[];
  openTickets: number;
  lastSeenAt: Date;
}

/** Reads the facts of one customer's record. */
export async function customerFacts(customer: CustomerDoc, scope: CustomerScope): Promise<CustomerFacts> {
  const tickets = { customerId: customer._id, intake: 'started', ...ticketScopeFilter(scope) };
  const [identities, openTickets, latest] = await Promise.all([
    CustomerIdentityModel.find({ customerId: customer._id }).sort({ _id: 1 }).lean<CustomerIdentityDoc[]>(),
    TicketModel.countDocuments({ ...tickets, status: { $nin: DONE } }),
    TicketModel.find(tickets, { _id: 1, createdAt: 1 }).sort({ createdAt: -1 }).limit(50).lean(),
  ]);
  const lastMessage = latest.length
    ? await TicketEventModel.findOne({ ticketId: { $in: latest.map((t) => t._id) }, type: 'message.customer' }, { at: 1 }).sort({ at: -1 }).lean()
    : null;
  const instants = [customer.createdAt, latest[0]?.createdAt, lastMessage?.at].filter((d): d is Date => d instanceof Date);
  return { identities, openTickets, lastSeenAt: new Date(Math.max(...instants.map((d) => d.getTime()))) };
}
