/**
 * Webhook ingest as a platform sees it: signed WhatsApp deliveries (one new customer's text each) POSTed to the
 * channel's webhook until the 200; the routing to tickets runs after the answer, in the worker.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Config } from '../config/config';
import { saveChannel } from '../services/channels/channel-store';
import { expectStatus, httpPostRaw } from './http-client';
import { runLoad, type LoadResult, type LoadShape } from './load';

const CHANNEL = 'bench-wa';
const PHONE_NUMBER_ID = '114896151713920';

/** One delivery as WhatsApp sends it (a text from customer `i`), its bytes signed with the app secret. */
function delivery(i: number, run: string, appSecret: string): { raw: string; signature: string } {
  const waId = `6281${String(100_000_000 + i)}`;
  const payload = {
    object: 'whatsapp_business_account',
    entry: [{ id: '1', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550000000', phone_number_id: PHONE_NUMBER_ID },
      contacts: [{ profile: { name: `Bench ${i}` }, wa_id: waId }],
      messages: [{ from: waId, id: `wamid.${run}.${i}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: `Order ${i} has not arrived` } }],
    } }] }],
  };
  const raw = JSON.stringify(payload);
  return { raw, signature: `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}` };
}

/** Configures the bench's WhatsApp channel (once per database) and measures deliveries → 200 against `baseUrl`. */
export async function measureWebhookIngest(config: Config, baseUrl: string, shape: LoadShape, regionId: string): Promise<LoadResult> {
  const appSecret = randomBytes(16).toString('hex');
  await saveChannel({ id: CHANNEL, kind: 'whatsapp', name: 'Bench WhatsApp', regionId, enabled: true, accountId: PHONE_NUMBER_ID, secrets: { appSecret, accessToken: 'bench-access-token', verifyToken: 'bench-verify-token' } }, config, 'bench');
  const run = randomBytes(4).toString('hex');
  // The channel lookup is cached for 5 s in the API: a channel saved a moment ago is read on the first delivery.
  return runLoad({
    ...shape,
    task: async (i) => {
      const { raw, signature } = delivery(i, run, appSecret);
      const res = await httpPostRaw(baseUrl, `/api/channels/${CHANNEL}/webhook`, raw, { 'content-type': 'application/json', 'x-hub-signature-256': signature });
      expectStatus(res.status, 200, res.body, 'POST webhook');
    },
  });
}
