/**
 * Where a ticket's messages go when its customer writes on a messaging channel: back through the channel of their
 * latest message, to the same conversation. WhatsApp takes free text only inside its 24-hour customer-service window.
 */
import { whatsAppWindow } from '../../domain/channels/whatsapp-window';
import { openChannel, type OpenChannel } from '../../services/channels/channel-store';
import type { SecretKeys } from '../../services/channels/secret-box';
import { latestInboundOf } from '../../services/channels/ticket-channel';
import type { ChannelRecipient } from '../channels/channel-senders';

export type ChannelRoute = { channel: OpenChannel; to: ChannelRecipient } & ({ freeText: true } | { freeText: false; reason: string });

/** The route of the ticket's latest inbound message, or null when it came by e-mail (or its channel is gone or disabled). */
export async function channelRouteOf(ticketId: string, keys: SecretKeys, nowMs: number): Promise<ChannelRoute | null> {
  const last = await latestInboundOf(ticketId);
  if (!last || last.kind === 'email') return null; // by e-mail, as every message without a channel
  const channel = await openChannel(last.channelId, keys);
  if (!channel?.enabled) return null;
  const to = { platformUserId: last.from.platformUserId, ...(last.conversationId ? { conversationId: last.conversationId } : {}) };
  if (channel.kind === 'whatsapp' && whatsAppWindow(last.sentAt.getTime(), nowMs).state === 'closed')
    return { channel, to, freeText: false, reason: 'WhatsApp’s 24-hour customer-service window is closed: only an approved template may be sent' };
  return { channel, to, freeText: true };
}
