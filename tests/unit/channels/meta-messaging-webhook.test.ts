import { parseMetaMessagingDelivery } from '../../../domain/channels/meta-messaging.webhook';
import {
  IG_ACCOUNT_ID,
  instagramSeen,
  messengerDelivery,
  messengerRead,
  metaMessageEvent,
  metaMessaging,
  PAGE_ID,
} from '../../support/fake-channels/meta-deliveries';

const PSID = '6724519320912344';
const IGSID = '17841455512345678';
const AT = 1_700_000_000_123;

describe('Messenger webhook deliveries', () => {
  it("turns a customer's text into a message from their page-scoped id", () => {
    const payload = metaMessaging('page', [metaMessageEvent(PSID, PAGE_ID, AT, { mid: 'm_AbC1', text: 'Bonjour, où est ma commande ?' })]);
    expect(parseMetaMessagingDelivery(payload)).toEqual({
      ok: true,
      items: [{ kind: 'message', channel: 'messenger', accountId: PAGE_ID, platformMessageId: 'm_AbC1', from: { platformUserId: PSID }, text: 'Bonjour, où est ma commande ?', atMs: AT }],
    });
  });

  it('keeps every attachment as media by URL, a file as a document, and the quoted message', () => {
    const payload = metaMessaging('page', [
      metaMessageEvent(PSID, PAGE_ID, AT, {
        mid: 'm_ATT',
        reply_to: { mid: 'm_OURS' },
        attachments: [
          { type: 'image', payload: { url: 'https://scontent.xx.fbcdn.net/v/t1/photo.jpg' } },
          { type: 'file', payload: { url: 'https://cdn.fbsbx.com/v/t59/invoice.pdf' } },
          { type: 'fallback', payload: { url: 'https://example.com/shared', title: 'a shared link' } },
        ],
      }),
    ]);
    expect(parseMetaMessagingDelivery(payload)).toMatchObject({
      ok: true,
      items: [
        {
          platformMessageId: 'm_ATT',
          replyToPlatformMessageId: 'm_OURS',
          media: [
            { type: 'image', url: 'https://scontent.xx.fbcdn.net/v/t1/photo.jpg' },
            { type: 'document', url: 'https://cdn.fbsbx.com/v/t59/invoice.pdf' },
          ],
        },
      ],
    });
  });

  it('keeps a location attachment as a location', () => {
    const payload = metaMessaging('page', [
      metaMessageEvent(PSID, PAGE_ID, AT, { mid: 'm_LOC', attachments: [{ type: 'location', payload: { title: 'Pinned', coordinates: { lat: 48.8584, long: 2.2945 } } }] }),
    ]);
    expect(parseMetaMessagingDelivery(payload)).toMatchObject({ ok: true, items: [{ location: { lat: 48.8584, lng: 2.2945, name: 'Pinned' } }] });
  });

  it('reports delivery per message id, and as a watermark when an older client gives none', () => {
    const payload = metaMessaging('page', [messengerDelivery(PSID, ['m_1', 'm_2'], AT), messengerDelivery(PSID, undefined, AT + 1)]);
    expect(parseMetaMessagingDelivery(payload)).toEqual({
      ok: true,
      items: [
        { kind: 'status', channel: 'messenger', accountId: PAGE_ID, platformMessageId: 'm_1', status: 'delivered', recipientId: PSID, atMs: AT },
        { kind: 'status', channel: 'messenger', accountId: PAGE_ID, platformMessageId: 'm_2', status: 'delivered', recipientId: PSID, atMs: AT },
        { kind: 'watermark', channel: 'messenger', accountId: PAGE_ID, status: 'delivered', recipientId: PSID, upToMs: AT + 1, atMs: AT + 1 },
      ],
    });
  });

  it('reports a read receipt as a watermark: everything sent up to then was read', () => {
    expect(parseMetaMessagingDelivery(metaMessaging('page', [messengerRead(PSID, AT + 9, AT)]))).toEqual({
      ok: true,
      items: [{ kind: 'watermark', channel: 'messenger', accountId: PAGE_ID, status: 'read', recipientId: PSID, upToMs: AT, atMs: AT + 9 }],
    });
  });

  it('skips echoes of our own sends, postbacks and reactions', () => {
    const payload = metaMessaging('page', [
      metaMessageEvent(PAGE_ID, PSID, AT, { mid: 'm_ECHO', is_echo: true, app_id: 1517776481860111, text: 'our reply' }),
      { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: AT, postback: { title: 'Start', payload: 'GET_STARTED' } },
      { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: AT, reaction: { mid: 'm_OURS', action: 'react', emoji: '❤️' } },
    ]);
    expect(parseMetaMessagingDelivery(payload)).toEqual({ ok: true, items: [] });
  });

  it('refuses an event of the wrong shape with its JSON pointer', () => {
    const payload = metaMessaging('page', [metaMessageEvent(PSID, PAGE_ID, AT, { text: 'no mid' })]);
    expect(parseMetaMessagingDelivery(payload)).toMatchObject({ ok: false, channel: 'messenger', issues: [{ pointer: '/entry/0/messaging/0/message/mid' }] });
  });
});

describe('Instagram webhook deliveries', () => {
  it("turns a customer's direct message into an Instagram message from their IGSID", () => {
    const payload = metaMessaging('instagram', [metaMessageEvent(IGSID, IG_ACCOUNT_ID, AT, { mid: 'aWdfZAG1', text: 'Hola! ¿Tienen talla M?' })]);
    expect(parseMetaMessagingDelivery(payload)).toMatchObject({
      ok: true,
      items: [{ kind: 'message', channel: 'instagram', platformMessageId: 'aWdfZAG1', from: { platformUserId: IGSID }, text: 'Hola! ¿Tienen talla M?' }],
    });
  });

  it('reports messaging_seen as a read receipt of that message', () => {
    expect(parseMetaMessagingDelivery(metaMessaging('instagram', [instagramSeen(IGSID, AT, 'aWdfOURS')]))).toEqual({
      ok: true,
      items: [{ kind: 'status', channel: 'instagram', accountId: IG_ACCOUNT_ID, platformMessageId: 'aWdfOURS', status: 'read', recipientId: IGSID, atMs: AT }],
    });
  });

  it('refuses an Instagram payload without entries, naming the channel', () => {
    expect(parseMetaMessagingDelivery({ object: 'instagram' })).toMatchObject({ ok: false, channel: 'instagram', issues: [{ pointer: '/entry' }] });
  });
});
