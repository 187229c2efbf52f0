/**
 * Channel webhooks: `GET /api/channels/{channelId}/webhook` answers Meta's subscription handshake;
 * `POST /api/channels/{channelId}/webhook` takes a platform's delivery. The signature is checked over the raw bytes
 * before anything is parsed (a bad or missing one: 401, nothing stored); each message is stored once per (channel,
 * platform message id) and handed to its routing workflow; the platform gets its 200 as soon as that is done, the
 * routing (customer, ticket) runs after.
 */
import express, { Router } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Config } from '../../config/config';
import type { InboundItem, InboundMessage } from '../../domain/channels/channel';
import { decideMetaHandshake } from '../../domain/channels/meta-handshake';
import { jsonOfRawBody } from '../../domain/channels/webhook-parse';
import { MeridianError } from '../../domain/errors';
import { IdSchema } from '../../domain/region';
import { openChannel, type OpenChannel } from '../../services/channels/channel-store';
import { secretsEqual } from '../../services/channels/signatures';
import { cachedLookup } from '../../services/configuration/cached-lookup';
import { handOffInbound } from '../../services/inbound/hand-off';
import { recordReceipts } from '../../services/inbound/record-receipts';
import { storeInbound } from '../../services/inbound/store-inbound';
import { parseInput } from '../validation';
import { PLATFORM_WEBHOOKS, usesMetaHandshake } from './platform-webhooks';
import { registerWebhookDocs } from './webhooks.docs';

export const ChannelParamsSchema = z.strictObject({ channelId: IdSchema });

/** Deliveries larger than this are refused (413): platforms send kilobytes; media come as ids or links. */
const MAX_DELIVERY_BYTES = '1mb';

/** The items of a delivery that are for this channel: its platform, and its account when the item names one. */
function itemsFor(channel: OpenChannel, items: InboundItem[]): InboundItem[] {
  return items.filter((i) => i.channel === channel.kind && (!i.accountId || i.accountId === channel.accountId));
}

export function channelWebhooksRouter(deps: { config: Config; temporal: Client; now?: () => number }): Router {
  registerWebhookDocs();
  const router = Router();
  const keys = { secret: deps.config.secret, previousSecret: deps.config.previousSecret };
  const channels = cachedLookup((id) => openChannel(id, keys), { ttlMs: 5_000 });
  const active = async (channelId: string) => {
    const channel = await channels(channelId);
    if (!channel?.enabled) throw new MeridianError('CHANNEL_NOT_FOUND', `channel ${channelId} not found`);
    return channel;
  };

  router.get('/api/channels/:channelId/webhook', async (req, res) => {
    const { channelId } = parseInput(ChannelParamsSchema, req.params, 'params');
    const channel = await active(channelId);
    if (!usesMetaHandshake(channel.kind)) throw new MeridianError('CHANNEL_NOT_FOUND', `channel ${channelId} has no subscription handshake`);
    const decision = decideMetaHandshake(req.query as Record<string, string | string[] | undefined>, channel.secrets.verifyToken ?? '', secretsEqual);
    if (!decision.ok) throw new MeridianError('FORBIDDEN', `subscription refused (${decision.reason})`);
    res.type('text/plain').send(decision.challenge);
  });

  router.post('/api/channels/:channelId/webhook', express.raw({ type: () => true, limit: MAX_DELIVERY_BYTES }), async (req, res) => {
    const { channelId } = parseInput(ChannelParamsSchema, req.params, 'params');
    const channel = await active(channelId);
    const platform = PLATFORM_WEBHOOKS[channel.kind];
    if (!platform) throw new MeridianError('CHANNEL_NOT_FOUND', `channel ${channelId} takes no webhook`);
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const check = platform.verify(raw, req, channel);
    if (!check.ok) throw new MeridianError('SIGNATURE_INVALID', `${platform.header} is ${check.reason}`, { errors: [{ pointer: `/headers/${platform.header.toLowerCase()}`, message: check.reason }] });
    const json = jsonOfRawBody(raw);
    if (!json.ok) throw new MeridianError('VALIDATION_FAILED', 'the delivery is not JSON', { errors: [{ pointer: '/body', message: json.issue.message }] });
    const parsed = platform.parse(json.json);
    if (!parsed.ok) throw new MeridianError('WEBHOOK_PAYLOAD_INVALID', `not a ${channel.kind} delivery`, { errors: parsed.issues.map((i) => ({ pointer: `/body${i.pointer}`, message: i.message })) });
    const now = new Date((deps.now ?? Date.now)());
    let stored = 0;
    const ours = itemsFor(channel, parsed.items);
    const messages = ours.filter((i): i is InboundMessage => i.kind === 'message');
    for (const message of messages) {
      const result = await storeInbound(channel.id, message, now);
      if (result.stored) stored += 1;
      if (result.status === 'received') await handOffInbound(deps.temporal, deps.config, { id: result.id, channelId: channel.id, platformUserId: message.from.platformUserId });
    }
    const receipts = await recordReceipts(channel.id, ours);
    res.json({ messages: messages.length, stored, duplicates: messages.length - stored, receipts });
  });

  return router;
}
