/**
 * What differs per platform in a webhook delivery: how its authenticity is checked (over the raw bytes, before
 * anything is parsed) and how its payload becomes normalised items.
 */
import type { Request } from 'express';
import type { Channel } from '../../domain/channels/channel';
import { parseLineDelivery } from '../../domain/channels/line.webhook';
import { parseMetaMessagingDelivery } from '../../domain/channels/meta-messaging.webhook';
import { parseTelegramUpdate } from '../../domain/channels/telegram.webhook';
import type { WebhookParse } from '../../domain/channels/webhook-parse';
import { parseWhatsAppDelivery } from '../../domain/channels/whatsapp.webhook';
import type { OpenChannel } from '../../services/channels/channel-store';
import { verifyLineSignature, verifyMetaSignature, verifyTelegramSecret, type SignatureCheck } from '../../services/channels/signatures';

interface PlatformWebhook {
  /** The header that carries the signature (or secret), for the problem's detail. */
  header: string;
  verify(raw: Buffer, req: Request, channel: OpenChannel): SignatureCheck;
  parse(json: unknown): WebhookParse;
}

const meta = (parse: (json: unknown) => WebhookParse): PlatformWebhook => ({
  header: 'X-Hub-Signature-256',
  verify: (raw, req, channel) => verifyMetaSignature(raw, req.headers['x-hub-signature-256'], channel.secrets.appSecret ?? ''),
  parse,
});

/** Web chat has no platform calling in: its widget talks to api/webchat/ (null: the webhook URL answers 404). */
export const PLATFORM_WEBHOOKS: Record<Channel, PlatformWebhook | null> = {
  whatsapp: meta(parseWhatsAppDelivery),
  messenger: meta(parseMetaMessagingDelivery),
  instagram: meta(parseMetaMessagingDelivery),
  telegram: {
    header: 'X-Telegram-Bot-Api-Secret-Token',
    verify: (_raw, req, channel) => verifyTelegramSecret(req.headers['x-telegram-bot-api-secret-token'], channel.secrets.secretToken ?? ''),
    parse: parseTelegramUpdate,
  },
  line: {
    header: 'X-Line-Signature',
    verify: (raw, req, channel) => verifyLineSignature(raw, req.headers['x-line-signature'], channel.secrets.channelSecret ?? ''),
    parse: parseLineDelivery,
  },
  webchat: null,
};

/** Whether the platform subscribes its webhook with Meta's GET handshake. */
export const usesMetaHandshake = (kind: Channel) => kind === 'whatsapp' || kind === 'messenger' || kind === 'instagram';
