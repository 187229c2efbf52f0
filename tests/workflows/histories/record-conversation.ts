/**
 * `npx tsx tests/workflows/histories/record-conversation.ts [--release <name>]`: records a channel conversation's
 * workflow history (a customer's WhatsApp photo, then a text, each routed to their ticket) on an embedded stack, into
 * tests/workflows/histories/<release>/conversation.json. The replay test replays it on the current code, so a change
 * to the conversation workflow that would break conversations running at a deploy fails `npm test`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { conversationWorkflowId } from '../../../services/inbound/hand-off';
import { deliver, putChannel, routed, SECRETS } from '../../channels/channel-support';
import { PHONE_NUMBER_ID, whatsAppImage, whatsAppText } from '../../support/fake-channels/meta-deliveries';
import { signedMetaDelivery } from '../../support/fake-channels/signing';
import { startHarness } from '../../support/harness';
import { historyToJson } from './history-files';
import { FIXTURE_PAYLOAD_KEYS } from './fixture-payload-keys';
import { releaseDir, runRecorder, withRecordingStack } from './recording-stack';

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

runRecorder('record-conversation', async (args) => {
  const dir = await releaseDir(args);
  await withRecordingStack(() => record(path.join(dir, 'conversation.json')));
});
