/**
 * Which channel a ticket's customer last wrote on (answers go back there), and, on WhatsApp, whether its 24-hour
 * customer-service window is open: for the delivery of a message and for the staff console alike.
 */
import { whatsAppWindow, type WhatsAppWindow } from '../../domain/channels/whatsapp-window';
import type { WhatsAppTemplateConfig } from '../../domain/channels/whatsapp-templates';
import { InboundMessageModel, type InboundMessageDoc } from '../../models/inbound-message.model';
import { getChannelDoc } from './channel-store';

export type LatestInbound = Pick<InboundMessageDoc, 'kind' | 'channelId' | 'from' | 'conversationId' | 'sentAt'>;

/** The ticket's latest routed inbound message (by the platform's time), or null when none is stored. */
export function latestInboundOf(ticketId: string): Promise<LatestInbound | null> {
  return InboundMessageModel.findOne({ ticketId, status: 'routed' }, { kind: 1, channelId: 1, from: 1, conversationId: 1, sentAt: 1 }).sort({ sentAt: -1 }).lean<LatestInbound>();
}

/** The WhatsApp side of a ticket: its channel, window and templates; null when the customer last wrote elsewhere. */
export interface TicketWhatsApp {
  channelId: string;
  window: WhatsAppWindow;
  /** The channel's approved templates; empty when the channel is gone or disabled (nothing can be sent on it). */
  templates: WhatsAppTemplateConfig[];
}

export async function ticketWhatsApp(ticketId: string, nowMs: number): Promise<TicketWhatsApp | null> {
  const last = await latestInboundOf(ticketId);
  if (!last || last.kind !== 'whatsapp') return null;
  const channel = await getChannelDoc(last.channelId);
  const usable = channel?.enabled === true && channel.kind === 'whatsapp';
  return { channelId: last.channelId, window: whatsAppWindow(last.sentAt.getTime(), nowMs), templates: usable ? (channel.templates ?? []) : [] };
}
