import { toApplicationFailure } from '../../../activities/channels/channel-http';
import { createWhatsAppSender } from '../../../activities/channels/whatsapp.sender';
import { startFakeWhatsApp, type FakeWhatsApp } from '../../support/fake-channels/fake-whatsapp';
import { sendFailureOf } from '../../support/fake-channels/send-failure';

/** WhatsApp Cloud API sends against the fake Graph API on a real port. */
describe('WhatsApp sender', () => {
  let wa: FakeWhatsApp;
  beforeEach(async () => {
    wa = await startFakeWhatsApp();
  });
  afterEach(async () => {
    await wa.stop();
  });

  const sender = (token = wa.token) =>
    createWhatsAppSender({ baseUrl: wa.url, apiVersion: wa.apiVersion, credentials: { phoneNumberId: wa.phoneNumberId, accessToken: token }, timeoutMs: 5000 });

  it('sends a text as the Cloud API documents it and answers its wamid', async () => {
    const result = await sender().sendText({ to: '60173526233', text: 'Your ticket MRD-7K3Q is with our finance team 💳', replyToPlatformMessageId: 'wamid.CUSTOMER' });
    expect(result).toEqual({ platformMessageId: wa.sent[0]!.wamid });
    expect(wa.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `/v23.0/${wa.phoneNumberId}/messages`,
        authorized: true,
        status: 200,
        headers: expect.objectContaining({ 'content-type': 'application/json' }),
        body: {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: '60173526233',
          type: 'text',
          text: { preview_url: false, body: 'Your ticket MRD-7K3Q is with our finance team 💳' },
          context: { message_id: 'wamid.CUSTOMER' },
        },
      }),
    ]);
  });

  it('sends an approved template with its body parameters when the service window is closed', async () => {
    wa.closeWindow('60173526233');
    const failure = await sendFailureOf(sender().sendText({ to: '60173526233', text: 'Any news?' }));
    expect(failure).toMatchObject({ type: 'CHANNEL_REJECTED', retryable: false, detail: { status: 400, platformCode: '131047' } });

    wa.approveTemplate('ticket_update', { languages: ['ms', 'en_US'], parameters: 2 });
    const result = await sender().sendTemplate({ to: '+60173526233', name: 'ticket_update', languageCode: 'ms', bodyParameters: ['Lee', 'MRD-7K3Q'] });
    expect(result.platformMessageId).toBe(wa.sent[0]!.wamid);
    expect(wa.sent[0]).toMatchObject({ type: 'template', template: { name: 'ticket_update', language: 'ms', parameters: ['Lee', 'MRD-7K3Q'] } });
    expect(wa.requests[1]!.body).toMatchObject({ type: 'template', template: { language: { code: 'ms' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Lee' }, { type: 'text', text: 'MRD-7K3Q' }] }] } });
  });

  it('refuses for good, with Meta’s reason, a template Meta does not have or whose parameters do not fit', async () => {
    wa.approveTemplate('ticket_update', { languages: ['en_US'], parameters: 2 });
    const unknown = await sendFailureOf(sender().sendTemplate({ to: '60173526233', name: 'ticket_updates', languageCode: 'en_US', bodyParameters: ['Lee', 'MRD-7K3Q'] }));
    expect(unknown).toMatchObject({ type: 'CHANNEL_REJECTED', retryable: false, detail: { status: 404, platformCode: '132001' } });
    expect(unknown.message).toContain('template name (ticket_updates) does not exist in en_US');
    const untranslated = await sendFailureOf(sender().sendTemplate({ to: '60173526233', name: 'ticket_update', languageCode: 'pt_BR', bodyParameters: ['Lee', 'MRD-7K3Q'] }));
    expect(untranslated.detail.platformCode).toBe('132001');
    const short = await sendFailureOf(sender().sendTemplate({ to: '60173526233', name: 'ticket_update', languageCode: 'en_US', bodyParameters: ['Lee'] }));
    expect(short).toMatchObject({ type: 'CHANNEL_REJECTED', retryable: false, detail: { status: 400, platformCode: '132000' } });
    expect(short.message).toContain('number of localizable_params (1) does not match the expected number of params (2)');
    expect(wa.sent).toEqual([]);
  });

  it('refuses for good when the access token is not valid, without the token in the message', async () => {
    const failure = await sendFailureOf(sender('EAAGexpired-token').sendText({ to: '60173526233', text: 'hi' }));
    expect(failure).toMatchObject({ type: 'CHANNEL_UNAUTHORIZED', retryable: false, detail: { channel: 'whatsapp', status: 401, platformCode: '190' } });
    expect(failure.message).not.toContain('EAAGexpired-token');
    expect(wa.requests[0]!.authorized).toBe(false);
    expect(wa.requests[0]!.headers).not.toHaveProperty('authorization');
  });

  it("treats Meta's throughput error (HTTP 400, code 130429) as a rate limit to retry", async () => {
    wa.throttleNext(1);
    const failure = await sendFailureOf(sender().sendText({ to: '60173526233', text: 'hi' }));
    expect(failure).toMatchObject({ type: 'CHANNEL_RATE_LIMITED', retryable: true, detail: { status: 400, platformCode: '130429' } });
    const sent = await sender().sendText({ to: '60173526233', text: 'hi' });
    expect(sent).toEqual({ platformMessageId: wa.sent[0]!.wamid });
  });

  it('waits what Retry-After says on a 429, and tells Temporal to', async () => {
    wa.failNext(1, { status: 429, body: { error: { message: 'Too many calls', code: 4 } }, headers: { 'Retry-After': '7' } });
    const failure = await sendFailureOf(sender().sendText({ to: '60173526233', text: 'hi' }));
    expect(failure).toMatchObject({ type: 'CHANNEL_RATE_LIMITED', retryable: true, detail: { retryAfterMs: 7000 } });
    const applicationFailure = toApplicationFailure(failure);
    expect(applicationFailure).toMatchObject({ type: 'CHANNEL_RATE_LIMITED', nonRetryable: false, nextRetryDelay: 7000 });
  });

  it('retries after a 500 or a cut connection and sends once it answers', async () => {
    wa.failNext(2, { status: 500, body: { error: { message: 'An unexpected error has occurred.', code: 2, is_transient: true } } });
    wa.dropNext(1);
    const s = sender();
    for (const status of [500, 500, null]) {
      expect(await sendFailureOf(s.sendText({ to: '60173526233', text: 'hi' }))).toMatchObject({ type: 'CHANNEL_UNAVAILABLE', retryable: true, detail: { status } });
    }
    await expect(s.sendText({ to: '60173526233', text: 'hi' })).resolves.toMatchObject({ platformMessageId: expect.stringMatching(/^wamid\./) });
    expect(wa.sent).toHaveLength(1);
  });

  it('reports a success answer without a message id as an invalid response, not as sent', async () => {
    wa.failNext(1, { status: 200, body: { messaging_product: 'whatsapp' } });
    expect(await sendFailureOf(sender().sendText({ to: '60173526233', text: 'hi' }))).toMatchObject({ type: 'CHANNEL_INVALID_RESPONSE', retryable: false });
  });

  it('refuses, without calling Meta, a text over 4096 characters or a recipient that is not a number', async () => {
    expect(await sendFailureOf(sender().sendText({ to: '60173526233', text: 'x'.repeat(4097) }))).toMatchObject({ type: 'CHANNEL_REJECTED', detail: { status: null } });
    expect(await sendFailureOf(sender().sendText({ to: 'lee@example.com', text: 'hi' }))).toMatchObject({ type: 'CHANNEL_REJECTED' });
    expect(wa.requests).toHaveLength(0);
  });
});
