/**
 * Channel instances (admin, ops): `PUT /api/channels/{id}` creates or updates one (credentials write-only, sealed at
 * rest), `GET /api/channels` and `GET /api/channels/{id}` show them without credentials, with the webhook URL to
 * paste into the platform's console (web chat: the site key and the snippet to paste into the site's pages).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { ChannelBodySchema } from '../../domain/channels/channel-settings';
import { CHANNELS } from '../../domain/channels/channel';
import { WhatsAppTemplateSchema } from '../../domain/channels/whatsapp-templates';
import { MeridianError } from '../../domain/errors';
import { channelView, getChannelDoc, listChannels, saveChannel } from '../../services/channels/channel-store';
import { AUTH_ERRORS, CONFIG_ROLES, IdParamsSchema, POST_ERRORS, assertBodyIdMatches, writeRules } from '../config/config-http';
import { authenticate, getAuth, requireRole } from '../middleware/auth';
import { registerRoute } from '../openapi/registry';
import { parseInput, requireJsonContentType } from '../validation';

const ChannelViewSchema = z.object({
  id: z.string(),
  kind: z.enum(CHANNELS),
  name: z.string(),
  regionId: z.string(),
  enabled: z.boolean(),
  accountId: z.string().nullable().describe('Our account on the platform (null for web chat)'),
  apiBaseUrl: z.string().nullable(),
  templates: z.array(WhatsAppTemplateSchema).describe('WhatsApp: the approved templates sent when the 24-hour window is closed'),
  secretsSet: z.array(z.string()).describe('Which credentials are stored (never their values)'),
  webhookUrl: z.string().nullable().describe('Paste into the platform’s console as the callback / webhook URL (null for web chat)'),
  webchat: z
    .object({
      allowedOrigins: z.array(z.string()),
      siteKey: z.string().describe('Public: it names the site in the widget’s snippet; not a secret'),
      widgetUrl: z.string(),
      snippet: z.string().describe('The script tag to paste into the site’s pages'),
    })
    .nullable()
    .describe('Web chat only (null for the platforms)'),
  updatedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

function registerDocs(): void {
  const common = { tags: ['channels'], auth: 'apiKey', roles: CONFIG_ROLES } as const;
  registerRoute({
    ...common,
    method: 'put',
    path: '/api/channels/{id}',
    summary: 'Create or update a channel (WhatsApp number, Messenger page, Instagram account, Telegram bot, LINE channel, web chat widget)',
    params: IdParamsSchema,
    body: ChannelBodySchema,
    responses: {
      200: { description: 'Updated', schema: ChannelViewSchema },
      201: { description: 'Created', schema: ChannelViewSchema },
      ...POST_ERRORS,
      ...writeRules(
        'the body id is the id in the path; the region exists (UNKNOWN_REFERENCE); a channel keeps its platform and holds every credential its platform needs; credentials belong to the platform; a platform channel names its account (WhatsApp and Telegram ids are numeric); only WhatsApp takes templates, their names are unique, each message kind has at most one, the fallback language is one of theirs; a web chat channel lists its allowed origins and has no account, credentials or send API (INCONSISTENT_INPUT).',
      ),
    },
  });
  registerRoute({ ...common, method: 'get', path: '/api/channels', summary: 'List channels (no credentials)', responses: { 200: { description: 'Every channel', schema: z.object({ items: z.array(ChannelViewSchema) }) }, ...AUTH_ERRORS } });
  registerRoute({
    ...common,
    method: 'get',
    path: '/api/channels/{id}',
    summary: 'Read a channel (no credentials)',
    params: IdParamsSchema,
    responses: { 200: { description: 'The channel', schema: ChannelViewSchema }, ...AUTH_ERRORS, 404: { description: 'No such channel' } },
  });
}

export function channelsRouter(config: Config): Router {
  registerDocs();
  const router = Router();
  const guard = [authenticate(config), requireRole(...CONFIG_ROLES)];
  const keys = { secret: config.secret, previousSecret: config.previousSecret };
  const base = config.http.publicBaseUrl;

  router.put('/api/channels/:id', ...guard, requireJsonContentType, async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'params');
    const body = parseInput(ChannelBodySchema, req.body, 'body');
    assertBodyIdMatches(id, body.id);
    const { doc, created } = await saveChannel(body, keys, getAuth(res).keyId);
    res.status(created ? 201 : 200).json(channelView(doc, base));
  });

  router.get('/api/channels', ...guard, async (_req, res) => {
    res.json({ items: (await listChannels()).map((doc) => channelView(doc, base)) });
  });

  router.get('/api/channels/:id', ...guard, async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'params');
    const doc = await getChannelDoc(id);
    if (!doc) throw new MeridianError('CHANNEL_NOT_FOUND', `channel ${id} not found`);
    res.json(channelView(doc, base));
  });

  return router;
}
