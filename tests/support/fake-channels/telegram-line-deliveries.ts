/**
 * Webhook payloads of Telegram (Bot API `Update`) and LINE (line-openapi webhook.yml `CallbackRequest`), for the
 * parsers and, with signing.ts, for the webhook routes.
 */

export interface TgUser {
  id: number;
  firstName: string;
  lastName?: string;
}

const tgFrom = (u: TgUser) => ({ id: u.id, is_bot: false, first_name: u.firstName, ...(u.lastName ? { last_name: u.lastName } : {}), language_code: 'en' });

/** A private-chat message; `content` adds `text`, `photo`, `document`, `location` … */
export function telegramMessage(updateId: number, user: TgUser, messageId: number, dateS: number, content: Record<string, unknown>, edited = false) {
  const message = { message_id: messageId, from: tgFrom(user), chat: { id: user.id, first_name: user.firstName, type: 'private' }, date: dateS, ...content };
  return { update_id: updateId, [edited ? 'edited_message' : 'message']: edited ? { ...message, edit_date: dateS + 60 } : message };
}

export const telegramPhoto = (caption: string) => ({
  photo: [
    { file_id: 'AgACAgQAAxkBAAIBsmall', file_unique_id: 'AQADs', file_size: 1200, width: 90, height: 67 },
    { file_id: 'AgACAgQAAxkBAAIBlarge', file_unique_id: 'AQADl', file_size: 80000, width: 1280, height: 960 },
    { file_id: 'AgACAgQAAxkBAAIBmedium', file_unique_id: 'AQADm', file_size: 20000, width: 320, height: 240 },
  ],
  caption,
});

export const telegramDocument = () => ({
  document: { file_name: 'receipt.pdf', mime_type: 'application/pdf', file_id: 'BQACAgQAAxkBAAIBdoc', file_unique_id: 'AgADdoc', file_size: 52000 },
});

export const telegramLocation = () => ({ location: { latitude: 13.7563, longitude: 100.5018 } });

/** An update Meridian does not take (a button press on an inline keyboard). */
export const telegramCallbackQuery = (updateId: number, user: TgUser) => ({
  update_id: updateId,
  callback_query: { id: '4382bfdwdsb323b2d9', from: tgFrom(user), chat_instance: '-1234', data: 'rate:5' },
});

export const LINE_DESTINATION = 'U0123456789abcdef0123456789abcdef';

export interface LineEventOptions {
  userId: string;
  timestampMs: number;
  webhookEventId: string;
  redelivery?: boolean;
  groupId?: string;
}

function lineEvent(o: LineEventOptions, type: string, rest: Record<string, unknown>) {
  return {
    type,
    mode: 'active',
    timestamp: o.timestampMs,
    webhookEventId: o.webhookEventId,
    deliveryContext: { isRedelivery: o.redelivery ?? false },
    source: o.groupId ? { type: 'group', groupId: o.groupId, userId: o.userId } : { type: 'user', userId: o.userId },
    ...rest,
  };
}

/** A message event; `message` is the message object (`{ type: 'text', id, text }` …). */
export const lineMessageEvent = (o: LineEventOptions, message: Record<string, unknown>) =>
  lineEvent(o, 'message', { replyToken: 'b60d432864f44d079f6d8efe86cf404b', message: { quoteToken: 'q3Plxr4AgKd', ...message } });

export const lineFollowEvent = (o: LineEventOptions) => lineEvent(o, 'follow', { replyToken: '85cbe770fa8b4f45bbe077b1d4be4a36', follow: { isUnblocked: false } });

export const lineDelivery = (events: unknown[]) => ({ destination: LINE_DESTINATION, events });

export const lineImage = (id: string) => ({ type: 'image', id, contentProvider: { type: 'line' } });
export const lineFile = (id: string) => ({ type: 'file', id, fileName: 'invoice.pdf', fileSize: 2138 });
export const lineLocation = (id: string) => ({ type: 'location', id, title: 'สยามพารากอน', address: '991 ถนนพระรามที่ 1 กรุงเทพมหานคร', latitude: 13.7462, longitude: 100.5347 });
export const lineSticker = (id: string) => ({ type: 'sticker', id, packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC' });
