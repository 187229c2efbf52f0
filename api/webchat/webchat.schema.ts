/** What the web chat widget and its endpoints exchange, and their OpenAPI entries. */
import { z } from 'zod';
import { CLIENT_MESSAGE_ID_PATTERN, ORIGIN_PATTERN, SITE_KEY_PATTERN, WEBCHAT_TEXT_MAX } from '../../domain/channels/webchat';
import { EmailSchema } from '../../domain/customers/identity-schemas';
import { IdSchema, TimeZoneSchema } from '../../domain/region';
import { multiLineText, singleLineText } from '../../domain/text';
import { registerRoute, type RouteResponse } from '../openapi/registry';

/** Bodies are a few kilobytes at most: a message of 4,000 characters of emoji is 16 kB. */
export const WEBCHAT_BODY_LIMIT = '20kb';

export const ChannelParamsSchema = z.strictObject({ channelId: IdSchema.describe('The web chat channel’s id (the snippet’s data-channel)') });

/** The browser names the page's origin; only the channel's allowed origins are answered. */
export const OriginHeadersSchema = z.object({
  origin: z.string().regex(ORIGIN_PATTERN).describe('Set by the browser: the origin of the page the widget runs on; one of the channel’s allowedOrigins'),
});

export const StartSessionBodySchema = z.strictObject({
  siteKey: z.string().regex(SITE_KEY_PATTERN, 'expected the channel’s site key (wk_…)').describe('The snippet’s data-site-key'),
});

export const SessionSchema = z.object({
  visitorId: z.string(),
  token: z.string().describe('Send as "Authorization: Bearer <token>"; keep it (localStorage) to come back to the conversation'),
});

const LanguageTagSchema = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'expected a language tag such as "de" or "pt-BR"');

export const VisitorMessageBodySchema = z.strictObject({
  clientMessageId: z.string().regex(CLIENT_MESSAGE_ID_PATTERN, 'expected 8–64 of A-Z, a-z, 0-9, _ and -').describe('The widget’s id of this message: a resend with the same id is stored once'),
  text: multiLineText(WEBCHAT_TEXT_MAX),
  name: singleLineText(120).optional().describe('Pre-chat step: a claim, kept on the ticket; never finds a customer'),
  email: EmailSchema.optional().describe('Pre-chat step: a claim shown to the agent; never finds or merges a customer'),
  language: LanguageTagSchema.optional().describe('The browser’s language: the new ticket’s messages are written in it'),
  timeZone: TimeZoneSchema.optional().describe('The browser’s time zone: instants in the new ticket’s messages are shown in it'),
});
export type VisitorMessageBody = z.infer<typeof VisitorMessageBodySchema>;

export const MessageAcceptedSchema = z.object({ clientMessageId: z.string(), stored: z.boolean().describe('false: a resend of a message stored already') });

export const TranscriptQuerySchema = z.strictObject({
  after: z.string().regex(/^\d{1,15}$/, 'expected the cursor of an earlier answer').optional().describe('The cursor of the previous answer; absent: the newest lines'),
});

const LineSchema = z.object({
  id: z.string(),
  from: z.enum(['visitor', 'staff']),
  text: z.string(),
  clientMessageId: z.string().optional(),
  at: z.string().describe('When Meridian stored it (ISO 8601)'),
});
export const TranscriptSchema = z.object({
  items: z.array(LineSchema),
  cursor: z.string().describe('Ask with ?after=<cursor> next; lines may come again (drop them by id)'),
});

export const ReceiptsBodySchema = z.strictObject({
  messageIds: z.array(z.string().regex(/^wcm_[A-Za-z0-9_-]{24}$/, 'expected ids of our answers (wcm_…)')).min(1).max(50),
  status: z.enum(['delivered', 'read']),
});
export const ReceiptsResultSchema = z.object({ receipts: z.number().int().describe('Answers whose delivery status moved') });

const BROWSER_ERRORS: Record<number, RouteResponse> = {
  403: {
    description: 'No Origin, or one the channel does not allow (FORBIDDEN; checked after the visitor token where the endpoint takes one): no body is read, nothing is stored, and the answer carries no Access-Control-Allow-Origin',
  },
  404: { description: 'No such enabled web chat channel (CHANNEL_NOT_FOUND)' },
  413: { description: `Body larger than ${WEBCHAT_BODY_LIMIT.replace('kb', ' kB')}` },
};

export function registerWebchatDocs(): void {
  const common = { tags: ['web chat'], params: ChannelParamsSchema, rateLimited: true } as const;
  registerRoute({
    ...common,
    method: 'post',
    path: '/api/webchat/{channelId}/sessions',
    summary: 'Start a web chat visitor session: the site key gives a new visitor id and its token',
    auth: 'public',
    headers: OriginHeadersSchema,
    body: StartSessionBodySchema,
    responses: { 201: { description: 'A new visitor', schema: SessionSchema }, 401: { description: 'Not this channel’s site key (SITE_KEY_INVALID)' }, ...BROWSER_ERRORS },
  });
  registerRoute({
    ...common,
    method: 'post',
    path: '/api/webchat/{channelId}/messages',
    summary: 'A visitor’s message: stored once per clientMessageId and routed to a ticket like any channel’s',
    auth: 'visitorToken',
    headers: OriginHeadersSchema,
    body: VisitorMessageBodySchema,
    responses: { 202: { description: 'Taken (routing to a ticket follows)', schema: MessageAcceptedSchema }, ...BROWSER_ERRORS, 422: { description: 'An e-mail no mail reaches, or a time zone this server does not know' } },
  });
  registerRoute({
    ...common,
    method: 'get',
    path: '/api/webchat/{channelId}/messages',
    summary: 'The visitor’s conversation: their messages and our answers, after a cursor',
    auth: 'visitorToken',
    headers: OriginHeadersSchema,
    query: TranscriptQuerySchema,
    responses: { 200: { description: 'Lines, oldest first, and the next cursor', schema: TranscriptSchema }, ...BROWSER_ERRORS },
  });
  registerRoute({
    ...common,
    method: 'post',
    path: '/api/webchat/{channelId}/receipts',
    summary: 'Mark our answers delivered or read (the ticket’s channel sends show it)',
    auth: 'visitorToken',
    headers: OriginHeadersSchema,
    body: ReceiptsBodySchema,
    responses: { 200: { description: 'Recorded (ids that are not this visitor’s answers are skipped)', schema: ReceiptsResultSchema }, ...BROWSER_ERRORS },
  });
  registerRoute({
    method: 'get',
    path: '/webchat/widget.js',
    summary: 'The web chat widget: embed with <script src="…/webchat/widget.js" data-channel="…" data-site-key="…" async>',
    tags: ['web chat'],
    auth: 'public',
    offline: true,
    responses: { 200: { description: 'The script (cached for an hour)', schema: z.string(), contentType: 'text/javascript' } },
  });
}
