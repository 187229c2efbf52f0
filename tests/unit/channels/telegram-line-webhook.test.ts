import { parseLineDelivery } from '../../../domain/channels/line.webhook';
import { parseTelegramUpdate } from '../../../domain/channels/telegram.webhook';
import {
  LINE_DESTINATION,
  lineDelivery,
  lineFile,
  lineFollowEvent,
  lineImage,
  lineLocation,
  lineMessageEvent,
  lineSticker,
  telegramCallbackQuery,
  telegramDocument,
  telegramLocation,
  telegramMessage,
  telegramPhoto,
} from '../../support/fake-channels/telegram-line-deliveries';

const ANN = { id: 1111111, firstName: 'Ann', lastName: 'Lee' };
const D = 1441645532;

describe('Telegram updates', () => {
  it("turns a private message into a message keyed by chat and message id, with the update's id for dedup", () => {
    expect(parseTelegramUpdate(telegramMessage(10000, ANN, 1365, D, { text: 'Hello' }))).toEqual({
      ok: true,
      items: [{ kind: 'message', channel: 'telegram', platformMessageId: '1111111:1365', platformEventId: '10000', from: { platformUserId: '1111111', name: 'Ann Lee' }, text: 'Hello', atMs: D * 1000 }],
    });
  });

  it('keeps the largest size of a photo, with its caption', () => {
    expect(parseTelegramUpdate(telegramMessage(10001, ANN, 1366, D, telegramPhoto('scratched screen')))).toMatchObject({
      ok: true,
      items: [{ media: [{ type: 'image', platformMediaId: 'AgACAgQAAxkBAAIBlarge', caption: 'scratched screen' }] }],
    });
  });

  it('keeps a document with its file name and type, and a location', () => {
    expect(parseTelegramUpdate(telegramMessage(10002, ANN, 1367, D, telegramDocument()))).toMatchObject({
      ok: true,
      items: [{ media: [{ type: 'document', platformMediaId: 'BQACAgQAAxkBAAIBdoc', fileName: 'receipt.pdf', mimeType: 'application/pdf' }] }],
    });
    expect(parseTelegramUpdate(telegramMessage(10003, ANN, 1368, D, telegramLocation()))).toMatchObject({ ok: true, items: [{ location: { lat: 13.7563, lng: 100.5018 } }] });
  });

  it('marks an edited message as an edit of the same message, at its edit time', () => {
    expect(parseTelegramUpdate(telegramMessage(10004, ANN, 1365, D, { text: 'Hello again' }, true))).toMatchObject({
      ok: true,
      items: [{ platformMessageId: '1111111:1365', platformEventId: '10004', edited: true, text: 'Hello again', atMs: (D + 60) * 1000 }],
    });
  });

  it('skips updates that are not messages from a person', () => {
    expect(parseTelegramUpdate(telegramCallbackQuery(10005, ANN))).toEqual({ ok: true, items: [] });
    const fromBot = telegramMessage(10006, ANN, 1369, D, { text: 'beep' }) as unknown as { message: { from: { is_bot: boolean } } };
    fromBot.message.from.is_bot = true;
    expect(parseTelegramUpdate(fromBot)).toEqual({ ok: true, items: [] });
  });

  it('refuses an update of the wrong shape with its JSON pointer', () => {
    expect(parseTelegramUpdate({ update_id: 'x' })).toMatchObject({ ok: false, channel: 'telegram', issues: [{ pointer: '/update_id' }] });
    const noChat = telegramMessage(10007, ANN, 1370, D, { text: 'hi' }) as unknown as { message: Record<string, unknown> };
    delete noChat.message.chat;
    expect(parseTelegramUpdate(noChat)).toMatchObject({ ok: false, issues: [{ pointer: '/message/chat' }] });
  });
});

const U = 'U4af4980629a0b1c2d3e4f5a6b7c8d9e0';
const at = (n: number, extra: { redelivery?: boolean; groupId?: string } = {}) => ({ userId: U, timestampMs: 1692251666727 + n, webhookEventId: `01H810YECXQQZ37VAXPF6H9E${n}T`, ...extra });

describe('LINE webhook deliveries', () => {
  it('turns a text event into a message with its webhookEventId and redelivery flag', () => {
    const payload = lineDelivery([lineMessageEvent(at(1, { redelivery: true }), { type: 'text', id: '468789577898262530', text: 'สวัสดีครับ ขอคืนเงินได้ไหม' })]);
    expect(parseLineDelivery(payload)).toEqual({
      ok: true,
      items: [
        {
          kind: 'message',
          channel: 'line',
          accountId: LINE_DESTINATION,
          platformMessageId: '468789577898262530',
          platformEventId: '01H810YECXQQZ37VAXPF6H9E1T',
          redelivery: true,
          from: { platformUserId: U },
          text: 'สวัสดีครับ ขอคืนเงินได้ไหม',
          atMs: 1692251666728,
        },
      ],
    });
  });

  it('keeps images and files as media fetched by message id, stickers by package and sticker id, and locations', () => {
    const payload = lineDelivery([
      lineMessageEvent(at(2), lineImage('4001')),
      lineMessageEvent(at(3), lineFile('4002')),
      lineMessageEvent(at(4), lineSticker('4003')),
      lineMessageEvent(at(5), lineLocation('4004')),
      lineMessageEvent(at(6), { type: 'image', id: '4006', contentProvider: { type: 'external', originalContentUrl: 'https://img.example.com/a.jpg', previewImageUrl: 'https://img.example.com/p.jpg' } }),
    ]);
    expect(parseLineDelivery(payload)).toMatchObject({
      ok: true,
      items: [
        { platformMessageId: '4001', media: [{ type: 'image', platformMediaId: '4001' }] },
        { platformMessageId: '4002', media: [{ type: 'document', platformMediaId: '4002', fileName: 'invoice.pdf' }] },
        { platformMessageId: '4003', media: [{ type: 'sticker', platformMediaId: '446/1988' }] },
        { platformMessageId: '4004', location: { lat: 13.7462, lng: 100.5347, name: 'สยามพารากอน' } },
        // Content another provider holds is at its URL only: fetched (or refused) through the media allowlist.
        { platformMessageId: '4006', media: [{ type: 'image', platformMediaId: '4006', url: 'https://img.example.com/a.jpg' }] },
      ],
    });
  });

  it('keeps the group a message was written in, to answer there', () => {
    const payload = lineDelivery([lineMessageEvent(at(6, { groupId: 'Ca56f94637c' }), { type: 'text', id: '4005', text: 'hi all' })]);
    expect(parseLineDelivery(payload)).toMatchObject({ ok: true, items: [{ conversationId: 'Ca56f94637c', from: { platformUserId: U } }] });
  });

  it("answers LINE's URL verification (no events) and follow events with no items", () => {
    expect(parseLineDelivery(lineDelivery([]))).toEqual({ ok: true, items: [] });
    expect(parseLineDelivery(lineDelivery([lineFollowEvent(at(7))]))).toEqual({ ok: true, items: [] });
  });

  it('refuses an event without its delivery context, naming where', () => {
    const event = lineMessageEvent(at(8), { type: 'text', id: '4006', text: 'x' }) as Record<string, unknown>;
    delete event.deliveryContext;
    expect(parseLineDelivery(lineDelivery([event]))).toMatchObject({ ok: false, channel: 'line', issues: [{ pointer: '/events/0/deliveryContext' }] });
  });
});
