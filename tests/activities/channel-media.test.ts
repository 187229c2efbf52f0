/**
 * The media fetch's attempts against a fake Telegram that keeps failing (real database, real HTTP): each early attempt
 * asks for another with a growing wait, the last lists the medium as failed and the message is left to be routed;
 * the bot token (in every Telegram URL) never appears in what is logged or in the failure Temporal keeps.
 */
import { ApplicationFailure } from '@temporalio/common';
import { fetchInboundMediaAttempt } from '../../activities/media/fetch-media.activities';
import { MEDIA_FETCH_ATTEMPTS } from '../../domain/channels/media-policy';
import { InboundMessageModel } from '../../models/inbound-message.model';
import { storeInbound } from '../../services/inbound/store-inbound';
import { putChannel, SECRETS } from '../channels/channel-support';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-channels/fake-telegram';
import { startHarness, type Harness } from '../support/harness';
import { captureLogger } from '../support/log-capture';

describe('fetchInboundMediaAttempt', () => {
  let h: Harness;
  let tg: FakeTelegram;
  beforeAll(async () => {
    tg = await startFakeTelegram({ token: SECRETS.telegram.botToken });
    h = await startHarness({ worker: false, env: { CHANNEL_MEDIA_ALLOWED_HOSTS: new URL(tg.url).host, CHANNEL_MEDIA_ALLOW_HTTP: 'true', CHANNEL_MEDIA_RETRY_SECONDS: '2' } });
    await putChannel(h, 'tg-logs', { kind: 'telegram', accountId: '7000000001', secrets: SECRETS.telegram, apiBaseUrl: tg.url }).expect(201);
  });
  afterAll(async () => {
    await h?.stop();
    await tg?.stop();
  });

  it('retries what may mend with a growing wait, then lists it as failed; the token is never logged', async () => {
    const logs: string[] = [];
    const deps = { logger: captureLogger(logs, 'debug'), inboundRouting: { config: h.config, temporal: h.client } };
    tg.addFile('BQACAgQAAxkBAAIBfail', Buffer.from('never served'), 'documents/file_9.pdf');
    const message = {
      kind: 'message' as const,
      channel: 'telegram' as const,
      platformMessageId: '912300009:5',
      from: { platformUserId: '912300009', name: 'An' },
      media: [{ type: 'document' as const, platformMediaId: 'BQACAgQAAxkBAAIBfail', fileName: 'invoice.pdf', mimeType: 'application/pdf' }],
      atMs: Date.now(),
    };
    const { id } = await storeInbound('tg-logs', message, new Date());

    const failures: ApplicationFailure[] = [];
    for (let attempt = 1; attempt < MEDIA_FETCH_ATTEMPTS; attempt++) {
      tg.dropNext(1); // getFile's connection is cut: worth another attempt
      failures.push(await fetchInboundMediaAttempt(deps, id, attempt).then(() => { throw new Error('expected a retry'); }, (e: ApplicationFailure) => e));
    }
    expect(failures.map((f) => [f.type, f.nextRetryDelay])).toEqual([
      ['MEDIA_FETCH_RETRY', 2000],
      ['MEDIA_FETCH_RETRY', 4000],
      ['MEDIA_FETCH_RETRY', 8000],
      ['MEDIA_FETCH_RETRY', 16000],
    ]);
    expect((await InboundMessageModel.findById(id).lean())?.attachments).toBeUndefined(); // nothing written before the end

    tg.failNext(1, { status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } });
    expect(await fetchInboundMediaAttempt(deps, id, MEDIA_FETCH_ATTEMPTS)).toEqual({ listed: 1, kept: 0 });
    expect((await InboundMessageModel.findById(id).lean())?.attachments).toEqual([
      { filename: 'invoice.pdf', contentType: 'application/pdf', size: 0, sha256: '', inline: false, mediaType: 'document', skipped: 'failed' },
    ]);
    expect(await fetchInboundMediaAttempt(deps, id, 1)).toEqual({ listed: 0, kept: 0 }); // listed once: a late retry does nothing
    expect(tg.requests).toHaveLength(MEDIA_FETCH_ATTEMPTS);

    const said = [...logs, ...failures.map((f) => f.message)].join('\n');
    expect(said).toContain('channel media listed without content');
    expect(said).not.toContain(SECRETS.telegram.botToken);
    expect(said).not.toContain(SECRETS.telegram.botToken.split(':')[1]);
  });
});
