import { createMetaMessagingSender } from '../../../activities/channels/meta-messaging.sender';
import { startFakeMetaMessaging, type FakeMetaMessaging } from '../../support/fake-channels/fake-meta-messaging';
import { sendFailureOf } from '../../support/fake-channels/send-failure';

const PSID = '6724519320912344';

/** Messenger and Instagram sends against the fake Send API on a real port. */
describe.each(['messenger', 'instagram'] as const)('%s sender', (channel) => {
  let meta: FakeMetaMessaging;
  beforeEach(async () => {
    meta = await startFakeMetaMessaging(channel);
  });
  afterEach(async () => {
    await meta.stop();
  });

  const sender = (accessToken = meta.token, pageId?: string) =>
    createMetaMessagingSender({ channel, baseUrl: meta.url, apiVersion: meta.apiVersion, credentials: { accessToken, ...(pageId ? { pageId } : {}) }, timeoutMs: 5000 });

  it('answers the customer with a RESPONSE message and gives back its mid', async () => {
    const result = await sender().sendText({ recipientId: PSID, text: 'Merci ! Votre remboursement est en cours.' });
    expect(result).toEqual({ platformMessageId: meta.sent[0]!.mid });
    expect(meta.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/v23.0/me/messages',
        authorized: true,
        status: 200,
        body: { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'Merci ! Votre remboursement est en cours.' } },
      }),
    ]);
  });

  it("posts to the page's own id when one is configured", async () => {
    await sender(meta.token, meta.pageId).sendText({ recipientId: PSID, text: 'hi' });
    expect(meta.requests[0]!.path).toBe(`/v23.0/${meta.pageId}/messages`);
  });

  it('is refused for good outside the 24-hour window, and goes with the HUMAN_AGENT tag', async () => {
    meta.closeWindow(PSID);
    const failure = await sendFailureOf(sender().sendText({ recipientId: PSID, text: 'Following up on your ticket' }));
    expect(failure).toMatchObject({ type: 'CHANNEL_REJECTED', retryable: false, detail: { channel, status: 400, platformCode: '10' } });
    await sender().sendText({ recipientId: PSID, text: 'Following up on your ticket', messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    expect(meta.sent[0]).toMatchObject({ messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
  });

  it('reports an invalid page token (Graph code 190) as unauthorized, never echoing it', async () => {
    const failure = await sendFailureOf(sender('EAABrevoked').sendText({ recipientId: PSID, text: 'hi' }));
    expect(failure).toMatchObject({ type: 'CHANNEL_UNAUTHORIZED', retryable: false, detail: { platformCode: '190' } });
    expect(failure.message).not.toContain('EAABrevoked');
  });

  it('retries a 503 and a transient Graph error, then sends', async () => {
    meta.failNext(1, { status: 503, body: 'Service Unavailable' });
    meta.failNext(1, { status: 400, body: { error: { message: 'Please retry your request later.', code: 1200, is_transient: true } } });
    const s = sender();
    expect(await sendFailureOf(s.sendText({ recipientId: PSID, text: 'hi' }))).toMatchObject({ type: 'CHANNEL_UNAVAILABLE', detail: { status: 503 } });
    expect(await sendFailureOf(s.sendText({ recipientId: PSID, text: 'hi' }))).toMatchObject({ type: 'CHANNEL_UNAVAILABLE', retryable: true, detail: { status: 400 } });
    await expect(s.sendText({ recipientId: PSID, text: 'hi' })).resolves.toHaveProperty('platformMessageId');
  });

  it('refuses a tag without MESSAGE_TAG before calling Meta', async () => {
    expect(await sendFailureOf(sender().sendText({ recipientId: PSID, text: 'hi', tag: 'HUMAN_AGENT' }))).toMatchObject({ type: 'CHANNEL_REJECTED', detail: { status: null } });
    expect(meta.requests).toHaveLength(0);
  });
});

describe('Instagram text limit', () => {
  it('is 1000 UTF-8 bytes: 400 Thai characters (1200 bytes) are refused before any request, 333 go', async () => {
    const ig = await startFakeMetaMessaging('instagram');
    try {
      const sender = createMetaMessagingSender({ channel: 'instagram', baseUrl: ig.url, apiVersion: ig.apiVersion, credentials: { accessToken: ig.token } });
      expect(await sendFailureOf(sender.sendText({ recipientId: PSID, text: 'ก'.repeat(400) }))).toMatchObject({ type: 'CHANNEL_REJECTED' });
      expect(ig.requests).toHaveLength(0);
      await expect(sender.sendText({ recipientId: PSID, text: 'ก'.repeat(333) })).resolves.toHaveProperty('platformMessageId');
    } finally {
      await ig.stop();
    }
  });
});
