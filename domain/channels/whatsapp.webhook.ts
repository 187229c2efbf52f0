/**
 * WhatsApp Cloud API webhooks (object `whatsapp_business_account`): `entry[].changes[]` with field `messages` carry
 * `value.contacts`, `value.messages` (customer messages) and `value.statuses` (receipts of ours). Other fields
 * (template status, account updates …) are skipped. Timestamps are Unix seconds as strings.
 */
import { z } from 'zod';
import type { InboundItem, InboundMedia, InboundMessage, MediaType } from './channel';
import { DELIVERY_STATUSES } from './channel';
import { parseAt, parseWebhook, unixSecondsSchema, type WebhookParse } from './webhook-parse';

const MediaSchema = z.object({
  id: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});

const MessageSchema = z.object({
  from: z.string().min(1),
  id: z.string().min(1),
  timestamp: unixSecondsSchema,
  type: z.string(),
  context: z.object({ id: z.string().optional() }).optional(),
  text: z.object({ body: z.string() }).optional(),
  image: MediaSchema.optional(),
  video: MediaSchema.optional(),
  audio: MediaSchema.optional(),
  document: MediaSchema.optional(),
  sticker: MediaSchema.optional(),
  location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() }).optional(),
  button: z.object({ text: z.string() }).optional(),
  interactive: z
    .object({ button_reply: z.object({ title: z.string() }).optional(), list_reply: z.object({ title: z.string() }).optional() })
    .optional(),
});
type WaMessage = z.infer<typeof MessageSchema>;

const StatusSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  timestamp: unixSecondsSchema,
  recipient_id: z.string().optional(),
  errors: z.array(z.object({ code: z.number(), title: z.string().optional(), message: z.string().optional() })).optional(),
});

const MessagesValueSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  metadata: z.object({ phone_number_id: z.string(), display_phone_number: z.string().optional() }),
  contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string().optional() }).optional() })).optional(),
  messages: z.array(MessageSchema).optional(),
  statuses: z.array(StatusSchema).optional(),
});

const DeliverySchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.object({ id: z.string(), changes: z.array(z.object({ field: z.string(), value: z.unknown() })) })),
});

const MEDIA_FIELDS = ['image', 'video', 'audio', 'document', 'sticker'] as const satisfies readonly MediaType[];

function mediaOf(m: WaMessage): InboundMedia | undefined {
  for (const type of MEDIA_FIELDS) {
    const media = m.type === type ? m[type] : undefined;
    if (media) return { type, platformMediaId: media.id, mimeType: media.mime_type, caption: media.caption, fileName: media.filename };
  }
  return undefined;
}

function messageOf(m: WaMessage, names: Map<string, string | undefined>, accountId: string): InboundMessage | null {
  const media = mediaOf(m);
  const text = m.text?.body ?? m.button?.text ?? m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title;
  const location = m.type === 'location' && m.location ? { lat: m.location.latitude, lng: m.location.longitude, name: m.location.name, address: m.location.address } : undefined;
  if (text === undefined && !media && !location) return null; // reactions, unsupported, system messages …
  const name = names.get(m.from);
  return {
    kind: 'message',
    channel: 'whatsapp',
    accountId,
    platformMessageId: m.id,
    from: { platformUserId: m.from, phone: `+${m.from}`, ...(name ? { name } : {}) },
    ...(text !== undefined ? { text } : {}),
    ...(media ? { media: [media] } : {}),
    ...(location ? { location } : {}),
    ...(m.context?.id ? { replyToPlatformMessageId: m.context.id } : {}),
    atMs: m.timestamp,
  };
}

/** The customer messages and delivery receipts of one WhatsApp webhook delivery (parsed JSON body). */
export function parseWhatsAppDelivery(body: unknown): WebhookParse {
  return parseWebhook('whatsapp', () => {
    const delivery = parseAt(DeliverySchema, body);
    const items: InboundItem[] = [];
    delivery.entry.forEach((entry, i) =>
      entry.changes.forEach((change, j) => {
        if (change.field !== 'messages') return;
        const value = parseAt(MessagesValueSchema, change.value, ['entry', i, 'changes', j, 'value']);
        const names = new Map((value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]));
        for (const m of value.messages ?? []) {
          const item = messageOf(m, names, value.metadata.phone_number_id);
          if (item) items.push(item);
        }
        for (const s of value.statuses ?? []) {
          const status = DELIVERY_STATUSES.find((known) => known === s.status);
          if (!status) continue; // e.g. `deleted`, `warning`: not a receipt Meridian tracks
          const error = s.errors?.[0];
          items.push({
            kind: 'status',
            channel: 'whatsapp',
            accountId: value.metadata.phone_number_id,
            platformMessageId: s.id,
            status,
            atMs: s.timestamp,
            ...(s.recipient_id ? { recipientId: s.recipient_id } : {}),
            ...(error ? { error: { code: String(error.code), title: error.title ?? error.message ?? '' } } : {}),
          });
        }
      }),
    );
    return items;
  });
}
