import { createLineSender, lineRetryKey } from '../../../activities/channels/line.sender';
import { startFakeLine, type FakeLine } from '../../support/fake-channels/fake-line';
import { sendFailureOf } from '../../support/fake-channels/send-failure';

const USER = 'U4af4980629a0b1c2d3e4f5a6b7c8d9e0';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** LINE push sends against the fake Messaging API on a real port. */
describe('LINE sender', () => {
  let line: FakeLine;
  beforeEach(async () => {
    line = await startFakeLine();
  });
  afterEach(async () => {
    await line.stop();
  });

  const sender = (channelAccessToken = line.token) => createLineSender({ baseUrl: line.url, credentials: { channelAccessToken }, timeoutMs: 5000 });

  it('pushes up to five texts in one request with the retry key, and answers their message ids', async () => {
    const retryKey = lineRetryKey('tkt_1:reply:3');
    const result = await sender().pushTexts({ to: USER, texts: ['ได้รับเรื่องแล้วครับ', 'เลขที่ MRD-7K3Q'], retryKey });
    expect(result).toEqual({ platformMessageIds: line.pushes[0]!.messageIds, deduplicated: false });
    expect(line.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/v2/bot/message/push',
        authorized: true,
        status: 200,
        headers: expect.objectContaining({ 'x-line-retry-key': retryKey, 'content-type': 'application/json' }),
        body: { to: USER, messages: [{ type: 'text', text: 'ได้รับเรื่องแล้วครับ' }, { type: 'text', text: 'เลขที่ MRD-7K3Q' }] },
      }),
    ]);
  });

  it('derives the same UUID retry key from the same business key, and another from another', () => {
    expect(lineRetryKey('tkt_1:reply:3')).toMatch(UUID);
    expect(lineRetryKey('tkt_1:reply:3')).toBe(lineRetryKey('tkt_1:reply:3'));
    expect(lineRetryKey('tkt_1:reply:4')).not.toBe(lineRetryKey('tkt_1:reply:3'));
  });

  it('pushes once when LINE carried out the first attempt but answered 500: the retry gets 409 and counts as sent', async () => {
    line.acceptThenFailNext(1);
    const input = { to: USER, texts: ['Your refund is on its way'], retryKey: lineRetryKey('tkt_2:refund-done') };
    expect(await sendFailureOf(sender().pushTexts(input))).toMatchObject({ type: 'CHANNEL_UNAVAILABLE', retryable: true, detail: { status: 500 } });

    const retried = await sender().pushTexts(input);
    expect(retried).toEqual({ platformMessageIds: [], deduplicated: true, acceptedRequestId: line.pushes[0]!.requestId });
    expect(line.pushes).toHaveLength(1);
    expect(line.requests.map((r) => r.status)).toEqual([500, 409]);
  });

  it('retries a 429 after its Retry-After, but gives up on the monthly message limit', async () => {
    line.failNext(1, { status: 429, body: { message: 'Too many requests' }, headers: { 'Retry-After': '3' } });
    const retryKey = lineRetryKey('tkt_3:reply:1');
    expect(await sendFailureOf(sender().pushTexts({ to: USER, texts: ['hi'], retryKey }))).toMatchObject({ type: 'CHANNEL_RATE_LIMITED', retryable: true, detail: { retryAfterMs: 3000 } });
    line.failNext(1, { status: 429, body: { message: 'You have reached your monthly limit.' } });
    expect(await sendFailureOf(sender().pushTexts({ to: USER, texts: ['hi'], retryKey }))).toMatchObject({ type: 'CHANNEL_REJECTED', retryable: false });
  });

  it('reports a wrong channel access token as unauthorized, without the token', async () => {
    const failure = await sendFailureOf(sender('wrong-token').pushTexts({ to: USER, texts: ['hi'], retryKey: lineRetryKey('k') }));
    expect(failure).toMatchObject({ type: 'CHANNEL_UNAUTHORIZED', retryable: false, detail: { status: 401 } });
    expect(failure.message).not.toContain('wrong-token');
  });

  it("passes on LINE's validation details when it refuses a push", async () => {
    const failure = await sendFailureOf(sender().pushTexts({ to: '', texts: ['hi'], retryKey: lineRetryKey('k2') }));
    expect(failure).toMatchObject({ type: 'CHANNEL_REJECTED', detail: { status: 400, platformCode: 'The request body has 1 error(s)' } });
    expect(failure.message).toContain('to must be specified');
  });

  it('refuses before calling LINE: six texts, a text over 5000 UTF-16 units, a retry key that is not a UUID', async () => {
    const retryKey = lineRetryKey('k3');
    expect(await sendFailureOf(sender().pushTexts({ to: USER, texts: Array(6).fill('hi') as string[], retryKey }))).toMatchObject({ type: 'CHANNEL_REJECTED' });
    expect(await sendFailureOf(sender().pushTexts({ to: USER, texts: ['🍎'.repeat(2501)], retryKey }))).toMatchObject({ type: 'CHANNEL_REJECTED' });
    expect(await sendFailureOf(sender().pushTexts({ to: USER, texts: ['hi'], retryKey: 'tkt_1:reply:3' }))).toMatchObject({ type: 'CHANNEL_REJECTED' });
    expect(line.requests).toHaveLength(0);
  });
});
