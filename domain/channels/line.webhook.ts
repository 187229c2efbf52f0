/**
 * LINE Messaging API webhooks: `{ destination, events[] }`. Kept: `message` events from a user (in a 1:1 chat, a group
 * or a room); follow, postback, unsend … are skipped. An empty `events` list is LINE's URL verification. Each event has
 * a `webhookEventId` (ULID, the dedup key) and `deliveryContext.isRedelivery`. Timestamps are epoch milliseconds.
 */
import { z } from 'zod';
import type { InboundItem, InboundMedia, MediaType } from './channel';
import { epochMsSchema, parseAt, parseWebhook, type WebhookParse } from './webhook-parse';

const SourceSchema = z.object({
  type: z.enum(['user', 'group', 'room']),
  userId: z.string().optional(),
  groupId: z.string().optional(),
  roomId: z.string().optional(),
});

const MessageSchema = z.object({
  type: z.string(),
  id: z.string().min(1),
  text: z.string().optional(),
  quotedMessageId: z.string().optional(),
  fileName: z.string().optional(),
  title: z.string().optional(),
  address: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  packageId: z.string().optional(),
  stickerId: z.string().optional(),
  /** `line`: fetched from LINE by message id; `external`: only at the sender's URL (through the media allowlist). */
  contentProvider: z.object({ type: z.string(), originalContentUrl: z.string().optional() }).optional(),
});

const EventSchema = z.object({
  type: z.string(),
  timestamp: epochMsSchema,
  webhookEventId: z.string().min(1),
  deliveryContext: z.object({ isRedelivery: z.boolean() }),
  source: SourceSchema.optional(),
  message: MessageSchema.optional(),
});
type LineEvent = z.infer<typeof EventSchema>;

const DeliverySchema = z.object({ destination: z.string(), events: z.array(EventSchema) });

const MEDIA: Record<string, MediaType> = { image: 'image', video: 'video', audio: 'audio', file: 'document', sticker: 'sticker' };

function itemOf(e: LineEvent, accountId: string): InboundItem | null {
  const m = e.message;
  const userId = e.source?.userId;
  if (e.type !== 'message' || !m || !userId) return null; // no userId: a group member who has not consented
  const mediaType = MEDIA[m.type];
  // LINE content is fetched by message id (api-data.line.me); a sticker is named by its package and sticker ids.
  const external = m.contentProvider?.type === 'external' ? m.contentProvider.originalContentUrl : undefined;
  const media: InboundMedia | undefined = mediaType
    ? {
        type: mediaType,
        platformMediaId: m.type === 'sticker' ? `${m.packageId ?? ''}/${m.stickerId ?? ''}` : m.id,
        ...(external ? { url: external } : {}),
        ...(m.fileName ? { fileName: m.fileName } : {}),
      }
    : undefined;
  const location =
    m.type === 'location' && m.latitude !== undefined && m.longitude !== undefined
      ? { lat: m.latitude, lng: m.longitude, ...(m.title ? { name: m.title } : {}), ...(m.address ? { address: m.address } : {}) }
      : undefined;
  if (m.text === undefined && !media && !location) return null;
  const conversationId = e.source?.groupId ?? e.source?.roomId;
  return {
    kind: 'message',
    channel: 'line',
    accountId,
    platformMessageId: m.id,
    platformEventId: e.webhookEventId,
    redelivery: e.deliveryContext.isRedelivery,
    ...(conversationId ? { conversationId } : {}),
    from: { platformUserId: userId },
    ...(m.type === 'text' && m.text !== undefined ? { text: m.text } : {}),
    ...(media ? { media: [media] } : {}),
    ...(location ? { location } : {}),
    ...(m.quotedMessageId ? { replyToPlatformMessageId: m.quotedMessageId } : {}),
    atMs: e.timestamp,
  };
}

/** The customer messages of one LINE webhook delivery (parsed JSON body); none for the URL verification. */
export function parseLineDelivery(body: unknown): WebhookParse {
  return parseWebhook('line', () => {
    const delivery = parseAt(DeliverySchema, body);
    return delivery.events.flatMap((e) => {
      const item = itemOf(e, delivery.destination);
      return item ? [item] : [];
    });
  });
}
