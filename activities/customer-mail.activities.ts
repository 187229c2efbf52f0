import { CustomerModel } from '../models/customer.model';
import { TicketModel } from '../models/ticket.model';
import type { ActivityDeps } from './deps';
import { sendOnce } from './email-outbox';

/** E-mails to customers: an agent's public reply goes out once, to the customer's address. */
export function createCustomerMailActivities(deps: Pick<ActivityDeps, 'mailer' | 'mailFrom' | 'publicBaseUrl'>) {
  return {
    /** Sends an agent's public reply to the customer by e-mail (if the customer has an address). */
    async emailCustomerReply(input: { ticketId: string; messageId: string; body: string }): Promise<{ sent: boolean }> {
      const ticket = await TicketModel.findById(input.ticketId).lean();
      if (!ticket) return { sent: false };
      const customer = await CustomerModel.findById(ticket.customerId).lean();
      if (!customer?.email) return { sent: false };
      const to = customer.email;
      await sendOnce(deps.mailer, { key: `${input.ticketId}:reply:${input.messageId}`, purpose: 'agent-reply', ticketId: input.ticketId }, () => ({
        from: deps.mailFrom,
        to,
        subject: `Re: ${ticket.subject} [${input.ticketId}]`,
        text: `${input.body}\n\n--\nFollow your request with your query code: ${deps.publicBaseUrl}/api/track/<your query code>`,
        headers: { 'Auto-Submitted': 'auto-replied', 'X-Meridian-Ticket': input.ticketId },
      }));
      return { sent: true };
    },
  };
}
