import { ApplicationFailure } from '@temporalio/common';
import { getRegion } from '../../models/config.repository';
import { CustomerModel } from '../../models/customer.model';
import { TicketModel } from '../../models/ticket.model';
import { contactName, ticketContactPreferences } from '../../services/customers/contact-preferences';
import { issueQueryCode } from '../../services/query-codes/issue-query-code';
import { surveyToken } from '../../services/surveys/survey-token';
import type { OutboundMessage } from '../../domain/outbound-message';
import type { ActivityDeps } from '../deps';
import { sendOnce } from '../email-outbox';
import { nextAllowedInstant } from '../../domain/messages/quiet-hours';
import { sendThroughChannelOnce } from '../channels/channel-outbox';
import { channelRouteOf } from './channel-route';
import { noTemplateReason, whatsAppTemplateFor } from './whatsapp-template-choice';
import { ticketMail } from './ticket-mails';

/** Outbound messages of a ticket: each goes out once per key, to the customer's address (or to ops for alerts). */
export function createDeliveryActivities(deps: Pick<ActivityDeps, 'mailer' | 'mailFrom' | 'publicBaseUrl' | 'secret' | 'opsEmail' | 'messages' | 'inboundRouting'>) {
  const keys = deps.inboundRouting?.config ?? { secret: deps.secret };
  return {
    /**
     * Sends one outbound message, in the customer's language and time zone (verified profile, else what the ticket's
     * request said, else the region's defaults): through the messaging channel the customer last wrote on; on WhatsApp
     * outside its 24-hour window as the channel's approved template for the message (or the one an agent picked), else
     * by e-mail; answers `sent: false` with a reason when it cannot go any way.
     */
    async deliverMessage(input: { ticketId: string } & OutboundMessage): Promise<{ sent: boolean; reason?: string }> {
      const ticket = await TicketModel.findById(input.ticketId).lean();
      if (!ticket) throw ApplicationFailure.nonRetryable(`ticket ${input.ticketId} not found`, 'TICKET_NOT_FOUND');
      const customer = input.kind === 'ops-alert' ? null : await CustomerModel.findById(ticket.customerId).lean();
      const to = input.kind === 'ops-alert' ? deps.opsEmail : customer?.email;
      const route = input.kind === 'ops-alert' ? null : await channelRouteOf(input.ticketId, keys, Date.now());
      if (!to && !route) return { sent: false, reason: 'the customer has no e-mail address' };
      const queryCode = await issueQueryCode(deps.secret, input.ticketId);
      const { language, timeZone } = input.kind === 'ops-alert' ? { language: 'en', timeZone: 'UTC' } : await ticketContactPreferences(ticket, customer, () => getRegion(ticket.regionId));
      // The customer-facing page arrives with the web console; until then the link is the tracking API itself.
      const reference = { ticketSubject: ticket.subject, queryCode, trackingUrl: `${deps.publicBaseUrl}/api/track/${queryCode}` };
      const surveyUrl = input.kind === 'survey' ? `${deps.publicBaseUrl}/survey/${surveyToken(deps.secret, input.ticketId)}` : undefined;
      const name = contactName(ticket, customer);
      const template = whatsAppTemplateFor(route, input, { ...reference, customerName: name, surveyUrl }, language);
      if (route && template && 'send' in template) {
        const result = await sendThroughChannelOnce({ key: input.key, ticketId: input.ticketId, purpose: input.kind, channel: route.channel, to: route.to, template: template.send });
        return result.sent ? { sent: true } : { sent: false, reason: `whatsapp template "${template.send.name}": ${result.reason}` };
      }
      if (!to && route && !route.freeText) return { sent: false, reason: noTemplateReason(route, input.kind, template) };
      const { messageId, ...mail } = ticketMail(deps.messages, input.kind, {
        from: deps.mailFrom,
        ticketId: input.ticketId,
        channel: ticket.channel,
        customer: { name, language, timeZone },
        ticket: reference,
        staffUrl: `${deps.publicBaseUrl}/api/tickets/${input.ticketId}`,
        body: input.body,
        values: surveyUrl ? { ...input.values, surveyUrl } : input.values,
      });
      if (route?.freeText) {
        const result = await sendThroughChannelOnce({ key: input.key, ticketId: input.ticketId, purpose: input.kind, channel: route.channel, to: route.to, text: mail.text });
        return result.sent ? { sent: true } : { sent: false, reason: `${route.channel.kind}: ${result.reason}` };
      }
      await sendOnce(deps.mailer, { key: input.key, purpose: input.kind, ticketId: input.ticketId, messageId }, () => ({ ...mail, to: to! }));
      return { sent: true };
    },

    /**
     * When a message that can wait may go to this ticket's customer: `atMs`, or the end of the region's quiet hours
     * in the customer's zone (verified profile, else the request's claim, else the region's). Run as an activity so
     * the instant is recorded in history (a tzdata change never moves it on replay).
     */
    async messageReleaseTime(input: { ticketId: string; atMs: number }): Promise<number> {
      const ticket = await TicketModel.findById(input.ticketId).lean();
      if (!ticket) throw ApplicationFailure.nonRetryable(`ticket ${input.ticketId} not found`, 'TICKET_NOT_FOUND');
      const customer = await CustomerModel.findById(ticket.customerId).lean();
      const region = await getRegion(ticket.regionId);
      const { timeZone } = await ticketContactPreferences(ticket, customer, async () => region);
      return nextAllowedInstant(input.atMs, timeZone, region?.quietHours);
    },
  };
}
