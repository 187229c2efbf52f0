import path from 'node:path';
import { z } from 'zod';
import { meridianCacheDir } from './cache-dir';
import { channelMediaConfig, ChannelMediaEnvShape } from './channel-media';
import { imapComplete, inboundEmailConfig, InboundEmailEnvShape } from './inbound-email';
import { payloadKeyring, PayloadKeysSchema } from './payload-keys';
import { TrustProxySchema } from './trust-proxy';

/** The API's port when HTTP_PORT is unset (`npm start` takes it when it is free); the CLI's default server too. */
export const DEFAULT_HTTP_PORT = 3000;

const BoolSchema = z.enum(['true', 'false']).transform((v) => v === 'true');
const PortSchema = z.coerce.number().int().min(0).max(65535);
/** A browser origin (scheme, host, port), as the Origin header carries it. */
const OriginSchema = z.url().refine((u) => new URL(u).origin === u.replace(/\/$/, ''), 'expected an origin such as http://localhost:8080 (no path)');

const MongoUriSchema = z.string().regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// URI');
/** `host:port` (an IPv6 host in brackets, `[::1]:9464`) → what `server.listen(port, host)` takes. */
const ListenAddressSchema = z
  .string()
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'expected host:port, e.g. 0.0.0.0:9464')
  .transform((v) => ({ host: v.slice(0, v.lastIndexOf(':')).replace(/^\[(.*)\]$/, '$1'), port: Number(v.slice(v.lastIndexOf(':') + 1)) }))
  .refine((a) => a.port <= 65535, 'the port must be at most 65535');
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
/** An integration's base URL: https, or http to this machine only (a bearer credential must not cross a network in clear). */
const IntegrationUrlSchema = z
  .url()
  .refine((u) => {
    const { protocol, hostname } = new URL(u);
    return protocol === 'https:' || (protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname));
  }, 'expected an https:// URL (http:// only to localhost)')
  .transform((u) => u.replace(/\/+$/, ''));

/** Environment variables Meridian reads; secrets have no defaults. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HTTP_PORT: PortSchema.default(DEFAULT_HTTP_PORT),
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  /** Which proxies' X-Forwarded-For to believe: unset (none), a hop count, or their addresses/subnets; never `true`. */
  TRUST_PROXY: TrustProxySchema,
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('meridian-tickets'),
  /** Keys that encrypt Temporal payloads, `kid:base64key,…` (first = current); unset: one derived from MERIDIAN_SECRET. */
  TEMPORAL_PAYLOAD_KEYS: z.preprocess((v) => (v === '' ? undefined : v), PayloadKeysSchema.optional()),
  /** Upgrade aid only: decode payloads written before encryption (also lets unencrypted messages through). */
  TEMPORAL_PAYLOAD_ACCEPT_PLAINTEXT: BoolSchema.default(false),
  /** The Temporal Web UI's origin, allowed to call the codec endpoint from the browser (CORS). */
  TEMPORAL_UI_ORIGIN: OriginSchema.optional(),
  MONGODB_URI: MongoUriSchema,
  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_PORT: PortSchema.default(1025),
  SMTP_SECURE: BoolSchema.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  MAIL_FROM: z.string().min(3).default('Meridian Support <support@meridian.localhost>'),
  /** Where alerts go: tickets that need attention (missing configuration), mail that could not be delivered. */
  OPS_ALERT_EMAIL: z.email().default('ops@meridian.localhost'),
  /** Master secret: one key per purpose is derived from it (config/derived-keys.ts). At least 32 characters, no default. */
  MERIDIAN_SECRET: z.string().min(32, 'MERIDIAN_SECRET must be at least 32 characters'),
  /** While rotating: the secret MERIDIAN_SECRET replaces, still accepted for lookups (README, "Rotating the secret"). */
  MERIDIAN_SECRET_PREVIOUS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(32, 'MERIDIAN_SECRET_PREVIOUS must be at least 32 characters').optional(),
  ),
  TRACK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  INTAKE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** The Web UI sends one codec request per event with payloads: a history page can take hundreds. */
  CODEC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  /** Customer searches per API key: a leaked key cannot walk the customer base by e-mail or phone. */
  CUSTOMER_SEARCH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Ticket attachment lists and downloads per API key (an agent opening a ticket's files stays far below it). */
  ATTACHMENT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Web chat (README, "Web chat"): sessions a client address may start, messages a visitor and an address may post, polls a visitor may make. */
  WEBCHAT_SESSION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  WEBCHAT_MESSAGE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  WEBCHAT_ADDRESS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  WEBCHAT_POLL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Where rate-limit counts live: this process (`memory`) or the database, shared by every API process (`mongodb`). */
  RATE_LIMIT_STORE: z.enum(['memory', 'mongodb']).default('memory'),
  RATE_LIMIT_MEMORY_CLIENTS: z.coerce.number().int().min(100).max(1_000_000).default(10_000),
  /** Bearer token every /metrics endpoint requires (README, "Metrics"); unset: the API's /metrics is off. */
  METRICS_TOKEN: optional(z.string().min(32, 'METRICS_TOKEN must be at least 32 characters')),
  /** Where a worker process serves its /metrics (Temporal SDK and Meridian worker metrics); unset: nowhere. */
  WORKER_METRICS_ADDRESS: optional(ListenAddressSchema),
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).optional(),
  /** History length at which a ticket workflow continues as new (Temporal warns at 10,240 events). */
  TICKET_HISTORY_LIMIT: z.coerce.number().int().min(20).max(50_000).default(10_000),
  /** Where the first start saves the bootstrap admin API key (mode 0600); default `<cache dir>/bootstrap-admin-key`. */
  BOOTSTRAP_ADMIN_KEY_FILE: z.string().min(1).optional(),
  /** Stripe-compatible refunds API for `payments.refund` steps, e.g. https://api.stripe.com; unset: such steps fail as not configured. */
  PAYMENT_GATEWAY_URL: optional(IntegrationUrlSchema),
  /** The gateway's secret API key (Stripe: `sk_live_…` or a restricted `rk_live_…` key with refunds write). */
  PAYMENT_GATEWAY_SECRET_KEY: optional(z.string().min(1)),
  /** The platform's account API for `platform.restrict` steps; unset: such steps fail as not configured. */
  PLATFORM_API_URL: optional(IntegrationUrlSchema),
  PLATFORM_API_TOKEN: optional(z.string().min(1)),
  ...InboundEmailEnvShape,
  ...ChannelMediaEnvShape,
  MERIDIAN_CACHE_DIR: z.string().min(1).optional(),
  XDG_CACHE_HOME: z.string().min(1).optional(),
})
  .refine((e) => e.MERIDIAN_SECRET_PREVIOUS !== e.MERIDIAN_SECRET, {
    path: ['MERIDIAN_SECRET_PREVIOUS'],
    message: 'MERIDIAN_SECRET_PREVIOUS must differ from MERIDIAN_SECRET',
  })
  // A scraper's credentials are stored in more places than the master secret should ever be.
  .refine((e) => e.METRICS_TOKEN !== e.MERIDIAN_SECRET, { path: ['METRICS_TOKEN'], message: 'METRICS_TOKEN must differ from MERIDIAN_SECRET' })
  .refine((e) => !e.WORKER_METRICS_ADDRESS || e.METRICS_TOKEN, {
    path: ['WORKER_METRICS_ADDRESS'],
    message: 'WORKER_METRICS_ADDRESS needs METRICS_TOKEN: the worker serves its metrics to that bearer token only',
  })
  // Half an integration is a typo, not a choice: say so at boot rather than when a ticket reaches the step.
  .refine((e) => !e.PAYMENT_GATEWAY_URL === !e.PAYMENT_GATEWAY_SECRET_KEY, {
    path: ['PAYMENT_GATEWAY_SECRET_KEY'],
    message: 'PAYMENT_GATEWAY_URL and PAYMENT_GATEWAY_SECRET_KEY go together: set both or neither',
  })
  .refine((e) => !e.PLATFORM_API_URL === !e.PLATFORM_API_TOKEN, {
    path: ['PLATFORM_API_TOKEN'],
    message: 'PLATFORM_API_URL and PLATFORM_API_TOKEN go together: set both or neither',
  })
  .refine(imapComplete.check, imapComplete.issue);

export type Config = ReturnType<typeof toConfig>;

function toConfig(e: z.infer<typeof EnvSchema>) {
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: { port: e.HTTP_PORT, publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/$/, ''), trustProxy: e.TRUST_PROXY },
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      payloads: { keyring: payloadKeyring(e.TEMPORAL_PAYLOAD_KEYS, e.MERIDIAN_SECRET), acceptPlaintext: e.TEMPORAL_PAYLOAD_ACCEPT_PLAINTEXT },
      uiOrigin: e.TEMPORAL_UI_ORIGIN?.replace(/\/$/, ''),
    },
    mongodb: { uri: e.MONGODB_URI },
    smtp: {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      secure: e.SMTP_SECURE,
      auth: e.SMTP_USER ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD ?? '' } : undefined,
      from: e.MAIL_FROM,
    },
    inboundEmail: inboundEmailConfig(e),
    channelMedia: channelMediaConfig(e),
    opsAlertEmail: e.OPS_ALERT_EMAIL,
    secret: e.MERIDIAN_SECRET,
    previousSecret: e.MERIDIAN_SECRET_PREVIOUS,
    rateLimits: {
      trackPerMinute: e.TRACK_RATE_LIMIT_PER_MINUTE,
      intakePerMinute: e.INTAKE_RATE_LIMIT_PER_MINUTE,
      codecPerMinute: e.CODEC_RATE_LIMIT_PER_MINUTE,
      customerSearchPerMinute: e.CUSTOMER_SEARCH_RATE_LIMIT_PER_MINUTE,
      attachmentsPerMinute: e.ATTACHMENT_RATE_LIMIT_PER_MINUTE,
      webchat: {
        sessionsPerAddress: e.WEBCHAT_SESSION_RATE_LIMIT_PER_MINUTE,
        messagesPerVisitor: e.WEBCHAT_MESSAGE_RATE_LIMIT_PER_MINUTE,
        messagesPerAddress: e.WEBCHAT_ADDRESS_RATE_LIMIT_PER_MINUTE,
        pollsPerVisitor: e.WEBCHAT_POLL_RATE_LIMIT_PER_MINUTE,
      },
      store: e.RATE_LIMIT_STORE,
      memoryClients: e.RATE_LIMIT_MEMORY_CLIENTS,
    },
    worker: { maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS },
    metrics: {
      token: e.METRICS_TOKEN,
      // The schema refuses an address without a token; spelled out so the type says so too.
      worker: e.WORKER_METRICS_ADDRESS && e.METRICS_TOKEN ? { ...e.WORKER_METRICS_ADDRESS, token: e.METRICS_TOKEN } : undefined,
    },
    tickets: { historyLimit: e.TICKET_HISTORY_LIMIT },
    /** External systems `integration` steps call; a missing one fails its steps with INTEGRATION_NOT_CONFIGURED. */
    integrations: {
      paymentGateway: e.PAYMENT_GATEWAY_URL && e.PAYMENT_GATEWAY_SECRET_KEY ? { baseUrl: e.PAYMENT_GATEWAY_URL, secretKey: e.PAYMENT_GATEWAY_SECRET_KEY } : undefined,
      platform: e.PLATFORM_API_URL && e.PLATFORM_API_TOKEN ? { baseUrl: e.PLATFORM_API_URL, token: e.PLATFORM_API_TOKEN } : undefined,
    },
    bootstrapAdminKeyFile: path.resolve(e.BOOTSTRAP_ADMIN_KEY_FILE ?? path.join(meridianCacheDir(e), 'bootstrap-admin-key')),
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Only the database settings (MONGODB_URI), for tools that need nothing else, such as `npm run migrate`. */
export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): Config['mongodb'] {
  const parsed = z.object({ MONGODB_URI: MongoUriSchema }).safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  return { uri: parsed.data.MONGODB_URI };
}

/** Validates the environment once at boot, reporting every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  return toConfig(parsed.data);
}
