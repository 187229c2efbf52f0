/**
 * Telegram Bot API webhooks: one `Update` per request. Kept: `message` and `edited_message` from a person; channel
 * posts, callback queries and the other update kinds are skipped. `message_id` is unique only within its chat, so the
 * message id Meridian keeps is `chatId:messageId`; `update_id` is the documented dedup key of the delivery.
 */
import { z } from 'zod';
import type { InboundMedia, InboundMessage } from './channel';
import { parseAt, parseWebhook, unixSecondsSchema, type WebhookParse } from './webhook-parse';

const FileSchema = z.object({ file_id: z.string().min(1), mime_type: z.string().optional(), file_name: z.string().optional() });

const MessageSchema = z.object({
  message_id: z.number().int(),
  from: z.object({ id: z.number().int(), is_bot: z.boolean(), first_name: z.string(), last_name: z.string().optional(), username: z.string().optional() }).optional(),
  chat: z.object({ id: z.number().int(), type: z.string() }),
  date: unixSecondsSchema,
  edit_date: unixSecondsSchema.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(z.object({ file_id: z.string().min(1), width: z.number(), height: z.number() })).optional(),
  document: FileSchema.optional(),
  video: FileSchema.optional(),
  audio: FileSchema.optional(),
  voice: FileSchema.optional(),
  sticker: z.object({ file_id: z.string().min(1) }).optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
  venue: z.object({ title: z.string(), address: z.string() }).optional(),
  reply_to_message: z.object({ message_id: z.number().int() }).optional(),
});
type TgMessage = z.infer<typeof MessageSchema>;

const UpdateSchema = z.object({ update_id: z.number().int(), message: MessageSchema.optional(), edited_message: MessageSchema.optional() });

function mediaOf(m: TgMessage): InboundMedia | undefined {
  const caption = m.caption !== undefined ? { caption: m.caption } : {};
  const largest = m.photo?.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  if (largest) return { type: 'image', platformMediaId: largest.file_id, ...caption };
  const file = (type: InboundMedia['type'], f: z.infer<typeof FileSchema>): InboundMedia => ({
    type,
    platformMediaId: f.file_id,
    ...(f.mime_type ? { mimeType: f.mime_type } : {}),
    ...(f.file_name ? { fileName: f.file_name } : {}),
    ...caption,
  });
  if (m.video) return file('video', m.video);
  if (m.audio) return file('audio', m.audio);
  if (m.voice) return file('audio', m.voice);
  if (m.document) return file('document', m.document);
  if (m.sticker) return { type: 'sticker', platformMediaId: m.sticker.file_id };
  return undefined;
}

function messageOf(updateId: number, m: TgMessage, edited: boolean): InboundMessage | null {
  if (!m.from || m.from.is_bot) return null;
  const media = mediaOf(m);
  const location = m.location ? { lat: m.location.latitude, lng: m.location.longitude, ...(m.venue ? { name: m.venue.title, address: m.venue.address } : {}) } : undefined;
  if (m.text === undefined && !media && !location) return null; // joins, pins, polls, contacts …
  const name = [m.from.first_name, m.from.last_name].filter(Boolean).join(' ');
  return {
    kind: 'message',
    channel: 'telegram',
    platformMessageId: `${m.chat.id}:${m.message_id}`,
    platformEventId: String(updateId),
    ...(edited ? { edited: true } : {}),
    ...(m.chat.id !== m.from.id ? { conversationId: String(m.chat.id) } : {}),
    from: { platformUserId: String(m.from.id), name },
    ...(m.text !== undefined ? { text: m.text } : {}),
    ...(media ? { media: [media] } : {}),
    ...(location ? { location } : {}),
    ...(m.reply_to_message ? { replyToPlatformMessageId: `${m.chat.id}:${m.reply_to_message.message_id}` } : {}),
    atMs: edited && m.edit_date !== undefined ? m.edit_date : m.date,
  };
}

/** The customer message of one Telegram update (parsed JSON body), if it holds one. */
export function parseTelegramUpdate(body: unknown): WebhookParse {
  return parseWebhook('telegram', () => {
    const update = parseAt(UpdateSchema, body);
    const item = update.message ? messageOf(update.update_id, update.message, false) : update.edited_message ? messageOf(update.update_id, update.edited_message, true) : null;
    return item ? [item] : [];
  });
}
