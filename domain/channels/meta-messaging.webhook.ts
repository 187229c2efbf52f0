/**
 * Messenger (object `page`) and Instagram (object `instagram`) webhooks: `entry[].messaging[]` events. Kept: `message`
 * (not echoes of our own sends), `delivery` (per-mid receipts, or a watermark from older clients) and `read`
 * (Messenger: a watermark; Instagram `messaging_seen`: the mid). Postbacks, reactions, referrals … are skipped.
 * Timestamps are epoch milliseconds.
 */
import { z } from 'zod';
import type { Channel, InboundItem, InboundMedia, MediaType } from './channel';
import { epochMsSchema, parseAt, parseWebhook, type WebhookParse } from './webhook-parse';

const AttachmentSchema = z.object({
  type: z.string(),
  payload: z
    .object({
      url: z.string().optional(),
      coordinates: z.object({ lat: z.number(), long: z.number() }).optional(),
      title: z.string().optional(),
    })
    .nullish(),
});

const MessageSchema = z.object({
  mid: z.string().min(1),
  text: z.string().optional(),
  is_echo: z.boolean().optional(),
  attachments: z.array(AttachmentSchema).optional(),
  reply_to: z.object({ mid: z.string().optional() }).optional(),
});

const EventSchema = z.object({
  sender: z.object({ id: z.string().min(1) }),
  recipient: z.object({ id: z.string().min(1) }),
  timestamp: epochMsSchema.optional(),
  message: MessageSchema.optional(),
  delivery: z.object({ mids: z.array(z.string()).optional(), watermark: epochMsSchema }).optional(),
  read: z.object({ watermark: epochMsSchema.optional(), mid: z.string().optional() }).optional(),
});
type MetaEvent = z.infer<typeof EventSchema>;

const DeliverySchema = z.object({
  object: z.enum(['page', 'instagram']),
  entry: z.array(z.object({ id: z.string(), time: epochMsSchema, messaging: z.array(EventSchema).optional() })),
});

const ATTACHMENT_TYPES: Record<string, MediaType> = { image: 'image', video: 'video', audio: 'audio', file: 'document', sticker: 'sticker' };

function messageItems(channel: Channel, accountId: string, e: MetaEvent, atMs: number): InboundItem[] {
  const m = e.message;
  if (!m || m.is_echo) return []; // an echo is our own send coming back
  const media: InboundMedia[] = [];
  let location: { lat: number; lng: number; name?: string } | undefined;
  for (const a of m.attachments ?? []) {
    const type = ATTACHMENT_TYPES[a.type];
    if (type && a.payload?.url) media.push({ type, url: a.payload.url });
    if (a.type === 'location' && a.payload?.coordinates) {
      location = { lat: a.payload.coordinates.lat, lng: a.payload.coordinates.long, ...(a.payload.title ? { name: a.payload.title } : {}) };
    }
  }
  if (m.text === undefined && !media.length && !location) return []; // shares, story mentions, unsupported
  return [
    {
      kind: 'message',
      channel,
      accountId,
      platformMessageId: m.mid,
      from: { platformUserId: e.sender.id },
      ...(m.text !== undefined ? { text: m.text } : {}),
      ...(media.length ? { media } : {}),
      ...(location ? { location } : {}),
      ...(m.reply_to?.mid ? { replyToPlatformMessageId: m.reply_to.mid } : {}),
      atMs,
    },
  ];
}

function receiptItems(channel: Channel, accountId: string, e: MetaEvent, atMs: number): InboundItem[] {
  const items: InboundItem[] = [];
  const recipientId = e.sender.id; // the customer sent the receipt for our message
  if (e.delivery) {
    const mids = e.delivery.mids ?? [];
    for (const mid of mids) items.push({ kind: 'status', channel, accountId, platformMessageId: mid, status: 'delivered', recipientId, atMs });
    if (!mids.length) items.push({ kind: 'watermark', channel, accountId, status: 'delivered', recipientId, upToMs: e.delivery.watermark, atMs });
  }
  if (e.read?.mid) items.push({ kind: 'status', channel, accountId, platformMessageId: e.read.mid, status: 'read', recipientId, atMs });
  else if (e.read?.watermark !== undefined) items.push({ kind: 'watermark', channel, accountId, status: 'read', recipientId, upToMs: e.read.watermark, atMs });
  return items;
}

/** The customer messages and receipts of one Messenger or Instagram webhook delivery (parsed JSON body). */
export function parseMetaMessagingDelivery(body: unknown): WebhookParse {
  const channel: Channel = (body as { object?: unknown } | null)?.object === 'instagram' ? 'instagram' : 'messenger';
  return parseWebhook(channel, () => {
    const delivery = parseAt(DeliverySchema, body);
    return delivery.entry.flatMap((entry) =>
      (entry.messaging ?? []).flatMap((e) => {
        // Delivery receipts carry no timestamp of their own: the watermark, else the entry's time, is when.
        const atMs = e.timestamp ?? e.delivery?.watermark ?? entry.time;
        return [...messageItems(channel, entry.id, e, atMs), ...receiptItems(channel, entry.id, e, atMs)];
      }),
    );
  });
}
