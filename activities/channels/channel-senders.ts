/** One request to a channel's send API: the platform's sender, bound to the channel's account and credentials. */
import type { OpenChannel } from '../../services/channels/channel-store';
import { DEFAULT_API_BASE_URLS } from '../../domain/channels/channel-settings';
import { refuseLocally } from './channel-http';
import { webchatConversation } from '../../domain/channels/webchat';
import { recordStaffLine } from '../../services/webchat/transcript';
import { createLineSender, lineRetryKey } from './line.sender';
import { createMetaMessagingSender } from './meta-messaging.sender';
import { createTelegramSender } from './telegram.sender';
import { createWhatsAppSender } from './whatsapp.sender';

/** Graph API version the Meta senders call. */
export const GRAPH_API_VERSION = 'v23.0';

/** Where a conversation's answers go: the customer's platform id, or the chat when it is not the customer's own. */
export interface ChannelRecipient {
  platformUserId: string;
  conversationId?: string;
}

/** Sends one planned request (one text; up to five on LINE); `requestKey` is the same on every attempt of it. */
export async function sendBatch(channel: OpenChannel, to: ChannelRecipient, texts: string[], requestKey: string): Promise<string[]> {
  const baseUrl = channel.apiBaseUrl ?? DEFAULT_API_BASE_URLS[channel.kind] ?? '';
  const s = channel.secrets;
  const accountId = channel.accountId ?? '';
  switch (channel.kind) {
    case 'whatsapp': {
      const sender = createWhatsAppSender({ baseUrl, apiVersion: GRAPH_API_VERSION, credentials: { phoneNumberId: accountId, accessToken: s.accessToken ?? '' } });
      return [(await sender.sendText({ to: to.platformUserId, text: texts[0]! })).platformMessageId];
    }
    case 'messenger':
    case 'instagram': {
      const sender = createMetaMessagingSender({ channel: channel.kind, baseUrl, apiVersion: GRAPH_API_VERSION, credentials: { accessToken: s.accessToken ?? '', pageId: accountId } });
      return [(await sender.sendText({ recipientId: to.platformUserId, text: texts[0]! })).platformMessageId];
    }
    case 'telegram': {
      const sender = createTelegramSender({ baseUrl, credentials: { botToken: s.botToken ?? '' } });
      return [(await sender.sendText({ chatId: to.conversationId ?? to.platformUserId, text: texts[0]! })).platformMessageId];
    }
    case 'line': {
      const sender = createLineSender({ baseUrl, credentials: { channelAccessToken: s.channelAccessToken ?? '' } });
      return (await sender.pushTexts({ to: to.conversationId ?? to.platformUserId, texts, retryKey: lineRetryKey(requestKey) })).platformMessageIds;
    }
    case 'webchat':
      // Meridian's own widget: the answer is written where the widget fetches it, once per request key.
      return [await recordStaffLine(webchatConversation(channel.id, to.platformUserId), requestKey, texts[0]!, new Date())];
  }
}

/** An approved WhatsApp template: its name, the translation's language code, the body's parameters in order. */
export interface TemplateSend {
  name: string;
  languageCode: string;
  bodyParameters: string[];
}

/** Sends one approved template (WhatsApp only: the other platforms have no templates). */
export async function sendTemplate(channel: OpenChannel, to: ChannelRecipient, template: TemplateSend): Promise<string[]> {
  if (channel.kind !== 'whatsapp') throw refuseLocally(channel.kind, 'only WhatsApp sends templates');
  const sender = createWhatsAppSender({ baseUrl: channel.apiBaseUrl ?? DEFAULT_API_BASE_URLS.whatsapp, apiVersion: GRAPH_API_VERSION, credentials: { phoneNumberId: channel.accountId ?? '', accessToken: channel.secrets.accessToken ?? '' } });
  return [(await sender.sendTemplate({ to: to.platformUserId, ...template })).platformMessageId];
}

/** Whether a request repeated after an attempt stopped in its middle is safe (the platform, or our own store, deduplicates it). */
export const idempotentSends = (kind: OpenChannel['kind']) => kind === 'line' || kind === 'webchat';
