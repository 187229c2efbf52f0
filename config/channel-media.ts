/**
 * Environment of fetching inbound media from messaging platforms (README, "Channels"): which hosts a fetch may reach,
 * how large a file may be, how long one request may take. Part of config.ts's EnvSchema.
 */
import { z } from 'zod';
import { parseHostRules, type HostRule } from '../domain/channels/media-policy';

const MB = 1024 * 1024;
const BoolSchema = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Meta's CDN (Messenger/Instagram payload URLs, WhatsApp's media URLs) and each platform's media API. */
export const DEFAULT_MEDIA_HOSTS = [
  'graph.facebook.com',
  'lookaside.fbsbx.com',
  '*.fbsbx.com',
  '*.fbcdn.net',
  '*.cdninstagram.com',
  'api.telegram.org',
  'api-data.line.me',
].join(',');

const HostRulesSchema = z.string().transform((v, ctx): HostRule[] => {
  const parsed = parseHostRules(v);
  for (const bad of parsed.invalid) ctx.addIssue({ code: 'custom', message: `"${bad}" is not a host, *.domain or host:port` });
  return parsed.rules;
});

/** The media variables, spread into config.ts's EnvSchema. */
export const ChannelMediaEnvShape = {
  /** Comma-separated hosts a media fetch may reach (`*.fbcdn.net`, `host:port`); checked on every request and redirect. */
  CHANNEL_MEDIA_ALLOWED_HOSTS: HostRulesSchema.default(parseHostRules(DEFAULT_MEDIA_HOSTS).rules),
  /** A larger file is listed on its message (`skipped: too_large`), nothing of it kept. */
  CHANNEL_MEDIA_MAX_MB: z.coerce.number().int().min(1).max(100).default(20),
  CHANNEL_MEDIA_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
  /** Plain http:// for media (local test servers only): https otherwise. */
  CHANNEL_MEDIA_ALLOW_HTTP: BoolSchema.default(false),
  /** The first wait before fetching again (a 5xx, LINE's 202 "being prepared"); doubled each time. */
  CHANNEL_MEDIA_RETRY_SECONDS: z.coerce.number().min(0.05).max(600).default(15),
};
type ChannelMediaEnv = z.infer<z.ZodObject<typeof ChannelMediaEnvShape>>;

/** The `channelMedia` slice of Config. */
export function channelMediaConfig(e: ChannelMediaEnv) {
  return {
    allowedHosts: e.CHANNEL_MEDIA_ALLOWED_HOSTS,
    maxBytes: e.CHANNEL_MEDIA_MAX_MB * MB,
    timeoutMs: e.CHANNEL_MEDIA_TIMEOUT_SECONDS * 1000,
    allowHttp: e.CHANNEL_MEDIA_ALLOW_HTTP,
    retryDelayMs: Math.round(e.CHANNEL_MEDIA_RETRY_SECONDS * 1000),
  };
}
export type ChannelMediaConfig = ReturnType<typeof channelMediaConfig>;
