/**
 * The web chat widget (`GET /webchat/widget.js`) and the endpoints it talks to, for pages of the channel's allowed
 * origins only (webchat-gate.ts): start a visitor session with the site key, post a message, poll the conversation,
 * mark our answers read. Each is rate-limited per client address and, once the visitor is known, per visitor.
 */
import { Router, type Request, type RequestHandler } from 'express';
import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import type { InboundStatus } from '../../domain/channels/channel';
import { webchatConversation } from '../../domain/channels/webchat';
import { MeridianError } from '../../domain/errors';
import { getChannelDoc } from '../../services/channels/channel-store';
import { secretsEqual } from '../../services/channels/signatures';
import { cachedLookup } from '../../services/configuration/cached-lookup';
import { recordReceipts } from '../../services/inbound/record-receipts';
import { staffLinesOf, transcriptPage } from '../../services/webchat/transcript';
import { checkVisitorToken, issueVisitorToken, newVisitorId } from '../../services/webchat/visitor-token';
import { takeVisitorMessage } from '../../services/webchat/visitor-message';
import { jsonBody } from '../middleware/json-body';
import { clientKey, createRateLimiter, createRateLimitStore } from '../middleware/rate-limit';
import { parseInput, requireJsonContentType } from '../validation';
import { serveWidget } from './widget-script';
import { allowedOriginOnly, webchatChannelOf, webchatGate } from './webchat-gate';
import { ReceiptsBodySchema, registerWebchatDocs, StartSessionBodySchema, TranscriptQuerySchema, VisitorMessageBodySchema, WEBCHAT_BODY_LIMIT } from './webchat.schema';

export function webchatRouter(deps: { config: Config; temporal: Client; now?: () => number }): Router {
  registerWebchatDocs();
  const { config } = deps;
  const now = deps.now ?? Date.now;
  const keys = { secret: config.secret, previousSecret: config.previousSecret };
  const limits = config.rateLimits.webchat;
  const limiter = (name: string, max: number, key: (req: Request) => string) =>
    createRateLimiter({ name, windowMs: 60_000, max, key, store: createRateLimitStore(config.rateLimits), now });
  const byVisitor = (req: Request) => `${webchatChannelOf(req.res!).id}:${req.res!.locals.visitorId as string}`;
  const sessionLimit = limiter('webchat-sessions', limits.sessionsPerAddress, clientKey);
  const addressLimit = limiter('webchat-messages-address', limits.messagesPerAddress, clientKey);
  const visitorLimit = limiter('webchat-messages-visitor', limits.messagesPerVisitor, byVisitor);
  const pollLimit = limiter('webchat-polls', limits.pollsPerVisitor, byVisitor);
  const body = [requireJsonContentType, jsonBody(WEBCHAT_BODY_LIMIT)];

  /** The visitor of the request's token (issued for this channel and its current site key), or 401. */
  const visitor: RequestHandler = (req, res, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (!token) throw new MeridianError('UNAUTHENTICATED', 'send the visitor token as "Authorization: Bearer <token>"');
    const check = checkVisitorToken(keys, webchatChannelOf(res), token, now());
    if (!check.ok) throw new MeridianError('UNAUTHENTICATED', `the visitor token is ${check.reason}: start a new session`);
    res.locals.visitorId = check.visitorId;
    next();
  };

  const router = Router();
  router.get('/webchat/widget.js', serveWidget());
  const channels = cachedLookup(getChannelDoc, { ttlMs: 5_000 });
  router.use('/api/webchat/:channelId/sessions', webchatGate(channels, ['POST']));
  router.use('/api/webchat/:channelId/messages', webchatGate(channels, ['GET', 'POST']));
  router.use('/api/webchat/:channelId/receipts', webchatGate(channels, ['POST']));

  router.post('/api/webchat/:channelId/sessions', allowedOriginOnly, sessionLimit, ...body, (req, res) => {
    const { siteKey } = parseInput(StartSessionBodySchema, req.body, 'body');
    const channel = webchatChannelOf(res);
    if (!secretsEqual(siteKey, channel.siteKey)) throw new MeridianError('SITE_KEY_INVALID', 'this is not the channel’s site key (it may have been rotated: update the snippet)');
    const visitorId = newVisitorId();
    res.status(201).json({ visitorId, token: issueVisitorToken(config.secret, channel, visitorId, now()) });
  });

  router.post('/api/webchat/:channelId/messages', visitor, allowedOriginOnly, addressLimit, visitorLimit, ...body, async (req, res) => {
    const message = parseInput(VisitorMessageBodySchema, req.body, 'body');
    const channel = webchatChannelOf(res);
    const { stored } = await takeVisitorMessage(deps, channel.id, res.locals.visitorId as string, message, new Date(now()));
    res.status(202).json({ clientMessageId: message.clientMessageId, stored });
  });

  router.get('/api/webchat/:channelId/messages', visitor, allowedOriginOnly, pollLimit, async (req, res) => {
    const { after } = parseInput(TranscriptQuerySchema, req.query, 'query');
    const conversation = webchatConversation(webchatChannelOf(res).id, res.locals.visitorId as string);
    const page = await transcriptPage(conversation, after === undefined ? undefined : Number(after), now());
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      items: page.lines.map((l) => ({ id: l._id, from: l.from, text: l.text, ...(l.clientMessageId ? { clientMessageId: l.clientMessageId } : {}), at: l.at.toISOString() })),
      cursor: String(page.cursor),
    });
  });

  router.post('/api/webchat/:channelId/receipts', visitor, allowedOriginOnly, pollLimit, ...body, async (req, res) => {
    const { messageIds, status } = parseInput(ReceiptsBodySchema, req.body, 'body');
    const channel = webchatChannelOf(res);
    const ours = await staffLinesOf(webchatConversation(channel.id, res.locals.visitorId as string), messageIds);
    const atMs = now();
    const items = ours.map((id): InboundStatus => ({ kind: 'status', channel: 'webchat', platformMessageId: id, status, atMs }));
    res.json({ receipts: await recordReceipts(channel.id, items) });
  });

  return router;
}
