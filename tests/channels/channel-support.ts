/** Channels for webhook tests: created through the ops API, and signed deliveries posted to their webhook URL. */
import request from 'supertest';
import { InboundMessageModel, type InboundMessageDoc } from '../../models/inbound-message.model';
import type { SignedDelivery } from '../support/fake-channels/signing';
import { eventually, type Harness } from '../support/harness';

export const SECRETS = {
  whatsapp: { appSecret: 'wa-app-secret-123456', accessToken: 'EAAGwa-access-token', verifyToken: 'wa-verify-token-987' },
  messenger: { appSecret: 'fb-app-secret-123456', accessToken: 'EAAGfb-page-token', verifyToken: 'fb-verify-token-987' },
  instagram: { appSecret: 'ig-app-secret-123456', accessToken: 'EAAGig-page-token', verifyToken: 'ig-verify-token-987' },
  telegram: { botToken: '7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', secretToken: 'tg-secret-token-0123456789' },
  line: { channelSecret: 'line-channel-secret-0123', channelAccessToken: 'line-access-token-0123456' },
} as const;

export function putChannel(h: Harness, id: string, body: Record<string, unknown>) {
  return request(h.app).put(`/api/channels/${id}`).set('Authorization', `Bearer ${h.adminKey}`).send({ id, regionId: 'test-utc', name: id, ...body });
}

export function deliver(h: Harness, channelId: string, delivery: SignedDelivery) {
  // As a string: superagent would JSON-encode a Buffer ({"type":"Buffer",…}); the string's UTF-8 bytes are the raw ones.
  return request(h.app).post(`/api/channels/${channelId}/webhook`).set(delivery.headers).send(delivery.raw.toString('utf8'));
}

/** The stored message once it was routed to a ticket. */
export function routed(channelId: string, platformMessageId: string): Promise<InboundMessageDoc> {
  return eventually(async () => {
    const doc = await InboundMessageModel.findById(`${channelId}:${platformMessageId}`).lean<InboundMessageDoc>();
    return doc?.status === 'routed' ? doc : undefined;
  }, 30_000);
}
