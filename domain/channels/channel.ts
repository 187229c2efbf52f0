/**
 * The messaging channels Meridian talks to besides email, and the normalised shape of what they deliver: the
 * platforms' webhooks (parsed by `*.webhook.ts`) and Meridian's own web chat widget (`webchat`, api/webchat/).
 * Pure data: the intake stores it once per platform id.
 */

export const CHANNELS = ['whatsapp', 'messenger', 'instagram', 'telegram', 'line', 'webchat'] as const;
export type Channel = (typeof CHANNELS)[number];

export const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/**
 * An attachment as the platform names it: WhatsApp, Telegram and LINE give an id to fetch it with the bot's credential;
 * Messenger and Instagram give a (signed, expiring) URL instead. Fetching goes through an allowlist (notes B.1 API7).
 */
export interface InboundMedia {
  type: MediaType;
  platformMediaId?: string;
  url?: string;
  mimeType?: string;
  caption?: string;
  fileName?: string;
}

/** Who wrote: the platform's id of the person (wa_id, PSID, IGSID, Telegram user id, LINE userId, web chat visitor id). */
export interface InboundSender {
  platformUserId: string;
  name?: string;
  /** WhatsApp only: the wa_id is the phone number in international digits, given here with its `+`. */
  phone?: string;
  /** Web chat only: what the visitor typed or their browser says. Claims, never identities: nothing is merged on them. */
  claimedEmail?: string;
  language?: string;
  timeZone?: string;
}

export interface InboundMessage {
  kind: 'message';
  channel: Channel;
  /** Our account that received it: WhatsApp phone_number_id, Messenger page id, Instagram account id, LINE bot user id (absent for Telegram: the webhook URL names the bot). */
  accountId?: string;
  /** The platform's id of this message: the dedup key (wamid, mid, `chatId:messageId`, LINE message id). */
  platformMessageId: string;
  /** LINE's `webhookEventId` (ULID), the documented dedup key of a LINE event. */
  platformEventId?: string;
  /** LINE: `deliveryContext.isRedelivery`; Telegram: an `edited_message`. */
  redelivery?: boolean;
  edited?: boolean;
  /** Where to answer: the chat (Telegram chat id, LINE group/room id) when it is not the sender. */
  conversationId?: string;
  from: InboundSender;
  text?: string;
  /** Usually one; Messenger and Instagram may carry several attachments in one message. */
  media?: InboundMedia[];
  location?: { lat: number; lng: number; name?: string; address?: string };
  /** The platform message this one replies to, when the customer quoted one. */
  replyToPlatformMessageId?: string;
  atMs: number;
}

export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface InboundStatus {
  kind: 'status';
  channel: Channel;
  accountId?: string;
  platformMessageId: string;
  status: DeliveryStatus;
  /** The customer the message went to, when the platform says (WhatsApp recipient_id, Messenger sender). */
  recipientId?: string;
  atMs: number;
  error?: { code: string; title: string };
}

/**
 * Messenger receipts that name no message: every message sent to `recipientId` at or before `upToMs` was delivered
 * (or read). Messenger's `read` always, and `delivery` from older clients, carry only this watermark.
 */
export interface InboundWatermark {
  kind: 'watermark';
  channel: Channel;
  accountId?: string;
  status: 'delivered' | 'read';
  recipientId: string;
  upToMs: number;
  atMs: number;
}

export type InboundItem = InboundMessage | InboundStatus | InboundWatermark;
