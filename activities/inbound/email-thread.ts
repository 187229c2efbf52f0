/**
 * The ticket an e-mail continues, as its thread says (a Meridian thread root in In-Reply-To/References, else a query
 * code in the subject) — only when the sender is that ticket's customer: knowing a ticket's thread or code is not
 * enough to write into it.
 */
import type { Config } from '../../config/config';
import { normalizeQueryCode } from '../../domain/query-code';
import type { InboundMessageDoc } from '../../models/inbound-message.model';
import { TicketModel } from '../../models/ticket.model';
import { resolveQueryCode } from '../../services/query-codes/resolve-query-code';

export async function threadTicketOf(message: InboundMessageDoc, customerId: string, secrets: Pick<Config, 'secret' | 'previousSecret'>): Promise<string | null> {
  let ticketId = message.threadTicketId ?? null;
  if (!ticketId && message.threadQueryCode) {
    const code = normalizeQueryCode(message.threadQueryCode);
    ticketId = code ? ((await resolveQueryCode(secrets, code))?.ticketId ?? null) : null;
  }
  if (!ticketId) return null;
  const ticket = await TicketModel.findById(ticketId, { customerId: 1, status: 1 }).lean();
  return ticket && ticket.customerId === customerId && ticket.status !== 'closed' ? ticketId : null;
}
