/**
 * A channel instance as ops configure it: which platform, which of our accounts on it, the region its new tickets
 * belong to, and its credentials. Credentials are write-only: a PUT may set or replace them, nothing ever returns them
 * (the API says only which are set), and they are stored encrypted.
 */
import { z } from 'zod';
import { IdSchema } from '../region';
import { ruleIssue } from '../rules';
import { singleLineText } from '../text';
import { CHANNELS, type Channel } from './channel';
import { WhatsAppTemplatesSchema } from './whatsapp-templates';
import { AllowedOriginsSchema } from './webchat';

const Secret = z.string().min(8, 'too short to be a real credential').max(512);
const Digits = z.string().regex(/^\d{1,30}$/, 'expected the platform’s numeric id');

/** The credentials each platform needs: to check what it sends us, and to send through it. */
export const CHANNEL_SECRETS = {
  whatsapp: ['appSecret', 'accessToken', 'verifyToken'],
  messenger: ['appSecret', 'accessToken', 'verifyToken'],
  instagram: ['appSecret', 'accessToken', 'verifyToken'],
  telegram: ['botToken', 'secretToken'],
  line: ['channelSecret', 'channelAccessToken'],
  webchat: [], // Meridian's own widget: nothing to verify, nothing to send through
} as const satisfies Record<Channel, readonly string[]>;
export type ChannelSecretName = (typeof CHANNEL_SECRETS)[Channel][number];

const SecretsSchema = z
  .strictObject({
    appSecret: Secret.optional(),
    accessToken: Secret.optional(),
    verifyToken: Secret.optional(),
    botToken: z.string().regex(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, 'expected a Telegram bot token (<bot id>:<secret>)').optional(),
    // Telegram's setWebhook secret_token: 1–256 of A-Z a-z 0-9 _ -.
    secretToken: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'expected 16–256 of A-Z, a-z, 0-9, _ and -').optional(),
    channelSecret: Secret.optional(),
    channelAccessToken: Secret.optional(),
  })
  .default({});

/**
 * PUT /api/channels/{id}. `accountId`: the WhatsApp phone number id, Page id, Instagram account id, LINE bot user id,
 * Telegram bot id (a web chat channel has none). `allowedOrigins` and `rotateSiteKey`: web chat only.
 */
export const ChannelBodySchema = z
  .strictObject({
    id: IdSchema,
    kind: z.enum(CHANNELS),
    name: singleLineText(120),
    regionId: IdSchema.describe('The region new tickets from this channel belong to (calendar, SLA policy, default language)'),
    enabled: z.boolean().default(true),
    accountId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected the platform’s id of our account').optional().describe('Every platform but web chat: our account on it'),
    secrets: SecretsSchema.describe('Write-only: set or replace credentials; omitted ones are kept. Never returned.'),
    /** Where the platform's send API is (tests and proxies point it elsewhere); default: the platform's own. */
    apiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** WhatsApp only: the approved templates it sends outside the 24-hour window (whatsapp-templates.ts); omitted: none. */
    templates: WhatsAppTemplatesSchema.optional().describe('WhatsApp only: approved templates for the closed 24-hour window; omitted: none'),
    allowedOrigins: AllowedOriginsSchema.optional(),
    rotateSiteKey: z.boolean().optional().describe('Web chat only: replace the site key (the old one stops working, and every visitor session with it)'),
  })
  .superRefine((c, ctx) => {
    const allowed: readonly string[] = CHANNEL_SECRETS[c.kind];
    for (const name of Object.keys(c.secrets))
      if (!allowed.includes(name)) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', ['secrets', name], `a ${c.kind} channel takes ${allowed.join(', ') || 'no credentials'}`));
    if (c.templates?.length && c.kind !== 'whatsapp') ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', ['templates'], 'only a WhatsApp channel sends templates'));
    if (c.kind === 'webchat') return webchatRules(c, ctx);
    if (c.accountId === undefined) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', ['accountId'], `a ${c.kind} channel names our account on the platform`));
    for (const field of ['allowedOrigins', 'rotateSiteKey'] as const)
      if (c[field] !== undefined) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', [field], 'web chat channels only'));
    if ((c.kind === 'whatsapp' || c.kind === 'telegram') && c.accountId !== undefined) {
      const checked = Digits.safeParse(c.accountId);
      if (!checked.success) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', ['accountId'], `a ${c.kind} account id is numeric`));
    }
  });
export type ChannelBody = z.infer<typeof ChannelBodySchema>;

/** A web chat channel is Meridian's own: origins to answer, no platform account and no send API. */
function webchatRules(c: { allowedOrigins?: unknown; accountId?: string; apiBaseUrl?: string }, ctx: z.RefinementCtx): void {
  if (c.allowedOrigins === undefined) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', ['allowedOrigins'], 'a web chat channel lists the origins whose pages may use it'));
  if (c.accountId !== undefined) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', ['accountId'], 'a web chat channel has no platform account'));
  if (c.apiBaseUrl !== undefined) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', ['apiBaseUrl'], 'a web chat channel has no send API'));
}

/** The base URL of each platform's send API, when a channel names none; web chat has none (its answers are Meridian's to serve). */
export const DEFAULT_API_BASE_URLS = {
  whatsapp: 'https://graph.facebook.com',
  messenger: 'https://graph.facebook.com',
  instagram: 'https://graph.facebook.com',
  telegram: 'https://api.telegram.org',
  line: 'https://api.line.me',
  webchat: null,
} as const satisfies Record<Channel, string | null>;
