/**
 * A worker killed with SIGKILL in the middle of a channel send, after the platform answered and before the outbox
 * recorded it (tests/support/crashing-worker.ts `channel-sent`); then a normal worker takes over on the real dev
 * server, in real time (the killed attempt is retried after its start-to-close timeout, the send's lease runs out).
 * WhatsApp has no idempotency key: the message is never sent a second time, and the ticket says it may not have
 * arrived. LINE has one: the retry repeats the push with the same X-Line-Retry-Key, LINE answers 409, and the send is
 * recorded as done — one message either way.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startFakeLine, type FakeLine } from '../support/fake-channels/fake-line';
import { startFakeWhatsApp, type FakeWhatsApp } from '../support/fake-channels/fake-whatsapp';
import { PHONE_NUMBER_ID, whatsAppText } from '../support/fake-channels/meta-deliveries';
import { signedLineDelivery, signedMetaDelivery } from '../support/fake-channels/signing';
import { LINE_DESTINATION, lineDelivery, lineMessageEvent } from '../support/fake-channels/telegram-line-deliveries';
import { eventually, startHarness, type Harness } from '../support/harness';
import { eventWhen, ticketWhen } from '../support/tickets';
import { startWorkerProcess, workerEnv, type WorkerProcess } from '../support/worker-process';
import { deliver, putChannel, routed, SECRETS } from './channel-support';

interface ChannelSendView {
  purpose: string;
  state: string;
  failure: string | null;
}

describe('channel outbox: kill -9 between the platform’s answer and the outbox’s record', () => {
  let h: Harness;
  let dir: string;
  let wa: FakeWhatsApp;
  let line: FakeLine;
  let worker: WorkerProcess | undefined;
  beforeAll(async () => {
    wa = await startFakeWhatsApp({ token: SECRETS.whatsapp.accessToken, phoneNumberId: PHONE_NUMBER_ID });
    line = await startFakeLine({ token: SECRETS.line.channelAccessToken });
    h = await startHarness({ worker: false });
    await putChannel(h, 'wa-kill', { kind: 'whatsapp', accountId: PHONE_NUMBER_ID, secrets: SECRETS.whatsapp, apiBaseUrl: wa.url }).expect(201);
    await putChannel(h, 'line-kill', { kind: 'line', accountId: LINE_DESTINATION, secrets: SECRETS.line, apiBaseUrl: line.url }).expect(201);
  });
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-channel-crash-'));
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await fs.rm(dir, { recursive: true, force: true });
  });
  afterAll(async () => {
    await h?.stop();
    await Promise.all([wa?.stop(), line?.stop()]);
  });

  /** Runs the crashing worker until it kills itself recording a channel send, then starts a normal one. */
  async function crashWhileSending(trigger: () => Promise<void>): Promise<void> {
    const marker = path.join(dir, 'crashed');
    worker = await startWorkerProcess({ ...workerEnv(h), CRASH_POINT: 'channel-sent', CRASH_MARKER: marker }, { entry: 'tests/support/crashing-worker.ts' });
    await trigger();
    expect(await worker.exited).toBe('SIGKILL');
    await fs.access(marker); // it died recording a send, not elsewhere
    worker = await startWorkerProcess(workerEnv(h));
  }

  const sendsOf = async (ticketId: string): Promise<ChannelSendView[]> =>
    (await request(h.app).get(`/api/tickets/${ticketId}`).set('Authorization', `Bearer ${h.adminKey}`).expect(200)).body.channelSends;

  it('WhatsApp: the acknowledgement is not sent twice; the ticket says it may not have arrived', async () => {
    const waId = '5511977770001';
    await crashWhileSending(async () => {
      await deliver(h, 'wa-kill', signedMetaDelivery(whatsAppText({ waId, name: 'Bia Lima' }, 'wamid.kill-1', Math.floor(Date.now() / 1000), 'Cadê meu reembolso?'), SECRETS.whatsapp.appSecret)).expect(200);
    });
    expect(wa.sent.filter((m) => m.to === waId)).toHaveLength(1); // WhatsApp took it before the worker died

    const ticketId = (await routed('wa-kill', 'wamid.kill-1')).ticketId!;
    const failed = await eventWhen(ticketId, 'delivery.failed', (e) => e.data.kind === 'acknowledgement', 240_000);
    expect(String(failed.data.reason)).toContain('may have been delivered');
    expect(await sendsOf(ticketId)).toEqual([expect.objectContaining({ purpose: 'acknowledgement', state: 'unconfirmed' })]);
    expect(wa.sent.filter((m) => m.to === waId)).toHaveLength(1); // never a second copy
    await ticketWhen(ticketId, (t) => t.status === 'assigned'); // the ticket went on
  }, 420_000);

  it('LINE: the retried push carries the same retry key, LINE answers 409, and the send is recorded once', async () => {
    const userId = 'U00000000000000000000000000kill1';
    const event = lineMessageEvent({ userId, timestampMs: Date.now(), webhookEventId: '01H810YECXQQZ37VAXPF6HKILL' }, { type: 'text', id: '468789577898269001', text: 'ของยังไม่มาถึง' });
    await crashWhileSending(async () => {
      await deliver(h, 'line-kill', signedLineDelivery(lineDelivery([event]), SECRETS.line.channelSecret)).expect(200);
    });
    const ticketId = (await routed('line-kill', '468789577898269001')).ticketId!;
    const sends = await eventually(async () => {
      const all = await sendsOf(ticketId);
      return all.find((s) => s.purpose === 'acknowledgement')?.state === 'sent' && all;
    }, 240_000, 1_000);
    expect(sends).toEqual([expect.objectContaining({ purpose: 'acknowledgement', state: 'sent', failure: null })]);
    expect(line.pushes.filter((p) => p.to === userId)).toHaveLength(1);
    expect(line.requests.filter((r) => r.status === 409)).toHaveLength(1); // the retry met the accepted key
  }, 420_000);
});
