/**
 * A channel message that is only a query code (typed as customers type it) is answered with where that request
 * stands, in the language its customer reads, on the channel it came from; the ticket itself is not touched. Whoever
 * holds a code may see this much, as on the tracking page; the answer greets no one by name.
 */
import type { TicketStatus } from '../../domain/ticket';
import { normalizeQueryCode } from '../../domain/query-code';
import { renderMessage } from '../../domain/messages/render';
import { getRegion } from '../../models/config.repository';
import { CustomerModel } from '../../models/customer.model';
import type { InboundMessageDoc } from '../../models/inbound-message.model';
import { TicketModel } from '../../models/ticket.model';
import { openChannel } from '../../services/channels/channel-store';
import type { SecretKeys } from '../../services/channels/secret-box';
import { ticketContactPreferences } from '../../services/customers/contact-preferences';
import { resolveQueryCode } from '../../services/query-codes/resolve-query-code';
import { sendThroughChannelOnce } from '../channels/channel-outbox';
import type { ActivityDeps } from '../deps';

type State = 'received' | 'in_progress' | 'waiting_on_you' | 'resolved' | 'closed';

const STATE: Record<TicketStatus, State> = {
  new: 'received',
  triaged: 'received',
  needs_attention: 'received',
  assigned: 'in_progress',
  pending_approval: 'in_progress',
  waiting_customer: 'waiting_on_you',
  resolved: 'resolved',
  closed: 'closed',
};

/** Answers the message when it is only a known query code; the ticket it named, or null (route it as any message). */
export async function answerQueryCode(deps: Pick<ActivityDeps, 'messages' | 'publicBaseUrl'>, keys: SecretKeys, message: InboundMessageDoc): Promise<string | null> {
  const typed = message.text?.trim() ?? '';
  const code = typed.length > 0 && typed.length <= 40 && !message.media?.length ? normalizeQueryCode(typed) : null;
  if (!code) return null;
  const ticketId = (await resolveQueryCode(keys, code))?.ticketId;
  const ticket = ticketId ? await TicketModel.findById(ticketId).lean() : null;
  const channel = ticket?.intake === 'started' ? await openChannel(message.channelId, keys) : null;
  if (!ticket || !channel) return null;
  const customer = await CustomerModel.findById(ticket.customerId).lean();
  const { language, timeZone } = await ticketContactPreferences(ticket, customer, () => getRegion(ticket.regionId));
  const trackingUrl = `${deps.publicBaseUrl}/api/track/${code}`;
  const rendered = renderMessage(deps.messages, 'status-reply', { name: '', language, timeZone }, { ticketSubject: ticket.subject, queryCode: code, trackingUrl }, { state: STATE[ticket.status] });
  const to = { platformUserId: message.from.platformUserId, ...(message.conversationId ? { conversationId: message.conversationId } : {}) };
  await sendThroughChannelOnce({ key: `status:${message._id}`, ticketId: ticket._id, purpose: 'status-reply', channel, to, text: rendered.text });
  return ticket._id;
}
