/**
 * `npx tsx tests/workflows/histories/record-conversation.ts [--release <name>]`: records a channel conversation's
 * workflow history (a customer's WhatsApp photo, then a text, each routed to their ticket) on an embedded stack, into
 * tests/workflows/histories/<release>/conversation.json. The replay test replays it on the current code, so a change
 * to the conversation workflow that would break conversations running at a deploy fails `npm test`.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { conversationWorkflowId } from '../../../services/inbound/hand-off';
import { startEmbeddedStack } from '../../../scripts/stack/stack';
import { deliver, putChannel, routed, SECRETS } from '../../channels/channel-support';
import { PHONE_NUMBER_ID, whatsAppImage, whatsAppText } from '../../support/fake-channels/meta-deliveries';
import { signedMetaDelivery } from '../../support/fake-channels/signing';
import { startHarness } from '../../support/harness';
import { historyToJson } from './history-files';
import { FIXTURE_PAYLOAD_KEYS } from './fixture-payload-keys';

async function record(file: string): Promise<void> {
  const h = await startHarness({ env: { TEMPORAL_PAYLOAD_KEYS: FIXTURE_PAYLOAD_KEYS } });
  try {
    await putChannel(h, 'wa-main', { kind: 'whatsapp', accountId: PHONE_NUMBER_ID, secrets: SECRETS.whatsapp }).expect(201);
    const customer = { waId: '6281234567890', name: 'Siti' };
    const nowS = Math.floor(Date.now() / 1000);
    await deliver(h, 'wa-main', signedMetaDelivery(whatsAppImage(customer, 'wamid.rec-1', nowS, 'foto paketnya'), SECRETS.whatsapp.appSecret)).expect(200);
    await routed('wa-main', 'wamid.rec-1');
    await deliver(h, 'wa-main', signedMetaDelivery(whatsAppText(customer, 'wamid.rec-2', nowS + 1, 'Nomor pesanan 4711'), SECRETS.whatsapp.appSecret)).expect(200);
    await routed('wa-main', 'wamid.rec-2');
    const handle = h.client.workflow.getHandle(conversationWorkflowId(h.config.temporal.taskQueue, 'wa-main', customer.waId));
    await handle.terminate('recorded'); // it would wait ten idle minutes; the replay needs only what happened
    const history = await handle.fetchHistory();
    await fs.writeFile(file, historyToJson(history));
    process.stderr.write(`  ${path.relative(process.cwd(), file)}: ${history.events?.length ?? 0} events\n`);
  } finally {
    await h.stop();
  }
}

async function main(args: string[]): Promise<void> {
  const i = args.indexOf('--release');
  const release = i >= 0 ? args[i + 1] : JSON.parse(await fs.readFile(path.join(__dirname, '../../../package.json'), 'utf8')).version;
  const dir = path.join(__dirname, `v${release}`);
  await fs.mkdir(dir, { recursive: true });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-record-'));
  const stack = await startEmbeddedStack({ dataDir, persistent: false, ui: false });
  process.env.TEMPORAL_ADDRESS = stack.temporalAddress;
  process.env.MONGODB_URI = stack.mongoUri;
  process.env.MERIDIAN_SECRET ??= randomBytes(24).toString('hex');
  process.env.TZ = 'UTC';
  try {
    await record(path.join(dir, 'conversation.json'));
  } finally {
    await stack.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`record-conversation failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
