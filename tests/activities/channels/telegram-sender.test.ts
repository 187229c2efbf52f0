import { toApplicationFailure } from '../../../activities/channels/channel-http';
import { createTelegramSender } from '../../../activities/channels/telegram.sender';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-channels/fake-telegram';
import { sendFailureOf } from '../../support/fake-channels/send-failure';

const CHAT = 1111111;

/** Telegram Bot API sends against the fake Bot API on a real port. */
describe('Telegram sender', () => {
  let tg: FakeTelegram;
  beforeEach(async () => {
    tg = await startFakeTelegram();
  });
  afterEach(async () => {
    await tg.stop();
  });

  const sender = (botToken = tg.token) => createTelegramSender({ baseUrl: tg.url, credentials: { botToken }, timeoutMs: 5000 });

  it('sends a message to the chat, quoting the customer, and names it chatId:messageId as the webhook does', async () => {
    const result = await sender().sendText({ chatId: CHAT, text: 'Ваш запрос MRD-7K3Q принят', replyToPlatformMessageId: '1111111:1365' });
    expect(result).toEqual({ platformMessageId: `${CHAT}:${tg.sent[0]!.messageId}` });
    expect(tg.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `/bot${tg.token}/sendMessage`,
        authorized: true,
        status: 200,
        body: { chat_id: CHAT, text: 'Ваш запрос MRD-7K3Q принят', reply_parameters: { message_id: 1365, allow_sending_without_reply: true } },
      }),
    ]);
  });

  it("waits flood control's retry_after (429) and retries", async () => {
    tg.floodNext(1, 5);
    const failure = await sendFailureOf(sender().sendText({ chatId: CHAT, text: 'hi' }));
    expect(failure).toMatchObject({ type: 'CHANNEL_RATE_LIMITED', retryable: true, detail: { status: 429, platformCode: '429', retryAfterMs: 5000 } });
    expect(toApplicationFailure(failure)).toMatchObject({ nonRetryable: false, nextRetryDelay: 5000 });
    await expect(sender().sendText({ chatId: CHAT, text: 'hi' })).resolves.toHaveProperty('platformMessageId');
  });

  it('gives up on a customer who blocked the bot, as a refusal and not a credential problem', async () => {
    tg.blockedBy(CHAT);
    expect(await sendFailureOf(sender().sendText({ chatId: CHAT, text: 'hi' }))).toMatchObject({
      type: 'CHANNEL_REJECTED',
      retryable: false,
      message: expect.stringContaining('bot was blocked by the user'),
    });
  });

  it('reports a wrong bot token as unauthorized, with the token scrubbed from the message', async () => {
    const wrong = '7000001:AAwrongwrongwrong';
    const failure = await sendFailureOf(sender(wrong).sendText({ chatId: CHAT, text: 'hi' }));
    expect(failure).toMatchObject({ type: 'CHANNEL_UNAUTHORIZED', retryable: false, detail: { status: 401 } });
    expect(failure.message).not.toContain(wrong);
  });

  it('retries a 502 and a cut connection, never leaking the token that is in the URL', async () => {
    tg.failNext(1, { status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } });
    tg.dropNext(1);
    const s = sender();
    expect(await sendFailureOf(s.sendText({ chatId: CHAT, text: 'hi' }))).toMatchObject({ type: 'CHANNEL_UNAVAILABLE', detail: { status: 502 } });
    const dropped = await sendFailureOf(s.sendText({ chatId: CHAT, text: 'hi' }));
    expect(dropped).toMatchObject({ type: 'CHANNEL_UNAVAILABLE', retryable: true, detail: { status: null } });
    expect(dropped.message).not.toContain(tg.token);
    await expect(s.sendText({ chatId: CHAT, text: 'hi' })).resolves.toHaveProperty('platformMessageId');
    expect(tg.sent).toHaveLength(1);
  });

  it('refuses an empty or over-long text before calling Telegram', async () => {
    expect(await sendFailureOf(sender().sendText({ chatId: CHAT, text: '   ' }))).toMatchObject({ type: 'CHANNEL_REJECTED' });
    expect(await sendFailureOf(sender().sendText({ chatId: CHAT, text: '🙂'.repeat(2049) }))).toMatchObject({ type: 'CHANNEL_REJECTED' });
    expect(tg.requests).toHaveLength(0);
  });
});
