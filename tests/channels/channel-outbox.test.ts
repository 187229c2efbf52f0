/**
 * The channel outbox on its own (real database, platforms on loopback): a message is sent once per key; an attempt
 * that stopped in the middle of a request is not repeated on a platform without an idempotency key (it is marked
 * unconfirmed: never a second copy), and is repeated on LINE with the same retry key; a cut connection without an
 * answer counts as such a stop; a refusal is permanent.
 */
import { sendThroughChannelOnce } from '../../activities/channels/channel-outbox';
import { ChannelOutboxModel } from '../../models/channel-outbox.model';
import { openChannel, saveChannel } from '../../services/channels/channel-store';
import { startFakeLine, type FakeLine } from '../support/fake-channels/fake-line';
import { startFakeWhatsApp, type FakeWhatsApp } from '../support/fake-channels/fake-whatsapp';
import { PHONE_NUMBER_ID } from '../support/fake-channels/meta-deliveries';
import { LINE_DESTINATION } from '../support/fake-channels/telegram-line-deliveries';
import { startHarness, type Harness } from '../support/harness';
import { SECRETS } from './channel-support';

describe('channel outbox (real database, platforms on loopback)', () => {
  let h: Harness;
  let wa: FakeWhatsApp;
  let line: FakeLine;
  beforeAll(async () => {
    wa = await startFakeWhatsApp({ token: SECRETS.whatsapp.accessToken, phoneNumberId: PHONE_NUMBER_ID });
    line = await startFakeLine({ token: SECRETS.line.channelAccessToken });
    h = await startHarness({ worker: false });
    await saveChannel({ id: 'wa-out', kind: 'whatsapp', name: 'wa', regionId: 'test-utc', enabled: true, accountId: PHONE_NUMBER_ID, secrets: SECRETS.whatsapp, apiBaseUrl: wa.url }, h.config, 'test');
    await saveChannel({ id: 'line-out', kind: 'line', name: 'line', regionId: 'test-utc', enabled: true, accountId: LINE_DESTINATION, secrets: SECRETS.line, apiBaseUrl: line.url }, h.config, 'test');
  });
  afterAll(async () => {
    await h?.stop();
    await Promise.all([wa?.stop(), line?.stop()]);
  });

  const send = async (channelId: string, key: string, to: string, text = 'Your refund is on its way.') =>
    sendThroughChannelOnce({ key, ticketId: 'tkt_outbox', purpose: 'agent-reply', channel: (await openChannel(channelId, h.config))!, to: { platformUserId: to }, text });
  /** As a worker killed during the request leaves it: sending, its lease run out. */
  const interrupted = (key: string) => ChannelOutboxModel.updateOne({ _id: key }, { $set: { state: 'sending', leaseUntil: new Date(Date.now() - 1_000) } });

  it('sends once per key: a second call answers from the outbox', async () => {
    expect(await send('wa-out', 'k-once', '5511911110001')).toMatchObject({ sent: true });
    expect(await send('wa-out', 'k-once', '5511911110001')).toMatchObject({ sent: true });
    expect(wa.sent.filter((m) => m.to === '5511911110001')).toHaveLength(1);
  });

  it('does not repeat a WhatsApp request an attempt was in the middle of: unconfirmed, never a second copy', async () => {
    expect(await send('wa-out', 'k-stopped', '5511911110002')).toMatchObject({ sent: true });
    await ChannelOutboxModel.updateOne({ _id: 'k-stopped' }, { $set: { sent: 0, platformMessageIds: [] } });
    await interrupted('k-stopped');
    const again = await send('wa-out', 'k-stopped', '5511911110002');
    expect(again).toMatchObject({ sent: false });
    expect((again as { reason: string }).reason).toMatch(/may have been delivered/);
    expect(wa.sent.filter((m) => m.to === '5511911110002')).toHaveLength(1);
    expect((await ChannelOutboxModel.findById('k-stopped').lean())?.state).toBe('unconfirmed');
  });

  it('treats a connection cut without an answer as such a stop on WhatsApp, and a refusal as final', async () => {
    wa.dropNext(1);
    expect(await send('wa-out', 'k-cut', '5511911110003')).toMatchObject({ sent: false });
    expect((await ChannelOutboxModel.findById('k-cut').lean())?.state).toBe('unconfirmed');
    wa.closeWindow('5511911110004');
    const refused = await send('wa-out', 'k-refused', '5511911110004');
    expect(refused).toMatchObject({ sent: false });
    expect((await ChannelOutboxModel.findById('k-refused').lean())?.state).toBe('failed');
  });

  it('repeats an interrupted LINE push with the same retry key: LINE keeps one', async () => {
    line.acceptThenFailNext(1); // LINE takes the push, the answer is lost as if the worker died
    await expect(send('line-out', 'k-line', 'U00000000000000000000000000000def')).rejects.toMatchObject({ type: 'CHANNEL_UNAVAILABLE' });
    await interrupted('k-line');
    expect(await send('line-out', 'k-line', 'U00000000000000000000000000000def')).toMatchObject({ sent: true });
    expect(line.pushes.filter((p) => p.to === 'U00000000000000000000000000000def')).toHaveLength(1);
  });
});
