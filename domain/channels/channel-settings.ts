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

const Secret = z.string().min(8, 'too short to be a real credential').max(512);
const Digits = z.string().regex(/^\d{1,30}$/, 'expected the platform’s numeric id');

/** The credentials each platform needs: to check what it sends us, and to send through it. */
export const CHANNEL_SECRETS = {
  whatsapp: ['appSecret', 'accessToken', 'verifyToken'],
  messenger: ['appSecret', 'accessToken', 'verifyToken'],
  instagram: ['appSecret', 'accessToken', 'verifyToken'],
  telegram: ['botToken', 'secretToken'],
  line: ['channelSecret', 'channelAccessToken'],
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

/** PUT /api/channels/{id}. `accountId`: the WhatsApp phone number id, Page id, Instagram account id, LINE bot user id, Telegram bot id. */
export const ChannelBodySchema = z
  .strictObject({
    id: IdSchema,
    kind: z.enum(CHANNELS),
    name: singleLineText(120),
    regionId: IdSchema.describe('The region new tickets from this channel belong to (calendar, SLA policy, default language)'),
    enabled: z.boolean().default(true),
    accountId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected the platform’s id of our account'),
    secrets: SecretsSchema.describe('Write-only: set or replace credentials; omitted ones are kept. Never returned.'),
    /** Where the platform's send API is (tests and proxies point it elsewhere); default: the platform's own. */
    apiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** WhatsApp only: the approved templates it sends outside the 24-hour window (whatsapp-templates.ts); omitted: none. */
    templates: WhatsAppTemplatesSchema.optional().describe('WhatsApp only: approved templates for the closed 24-hour window; omitted: none'),
  })
  .superRefine((c, ctx) => {
    const allowed: readonly string[] = CHANNEL_SECRETS[c.kind];
    for (const name of Object.keys(c.secrets))
      if (!allowed.includes(name)) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', ['secrets', name], `a ${c.kind} channel takes ${allowed.join(', ')}`));
    if (c.templates?.length && c.kind !== 'whatsapp') ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', ['templates'], 'only a WhatsApp channel sends templates'));
    if (c.kind === 'whatsapp' || c.kind === 'telegram') {
      const checked = Digits.safeParse(c.accountId);
      if (!checked.success) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', ['accountId'], `a ${c.kind} account id is numeric`));
    }
  });
export type ChannelBody = z.infer<typeof ChannelBodySchema>;

/** The base URL of each platform's send API, when a channel names none. */
export const DEFAULT_API_BASE_URLS: Record<Channel, string> = {
  whatsapp: 'https://graph.facebook.com',
  messenger: 'https://graph.facebook.com',
  instagram: 'https://graph.facebook.com',
  telegram: 'https://api.telegram.org',
  line: 'https://api.line.me',
};
