/**
 * Where inbound media may be fetched from (notes B.1 API7, SSRF): a host allowlist of exact names, `*.domain`
 * wildcards and `host:port` entries, checked on every request and every redirect. Pure: no DNS, no I/O; whether a
 * resolved address is private is the fetcher's check (activities/media/guarded-get.ts).
 */
import type { MediaType } from './channel';

/** One allowlist entry: `lookaside.fbsbx.com`, `*.fbcdn.net` (any subdomain, not the bare domain), `127.0.0.1:4010`. */
export interface HostRule {
  host: string;
  wildcard: boolean;
  /** Only this port when given; any port otherwise. */
  port?: number;
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function ruleOf(entry: string): HostRule | null {
  const match = /^(\*\.)?(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(entry);
  if (!match) return null;
  const host = match[2]!;
  const port = match[3] !== undefined ? Number(match[3]) : undefined;
  if (port !== undefined && (port < 1 || port > 65535)) return null;
  const literal = host.startsWith('[') || IPV4.test(host);
  if (literal && match[1]) return null; // *.127.0.0.1 means nothing
  if (!literal && !host.split('.').every((l) => LABEL.test(l))) return null;
  return { host, wildcard: Boolean(match[1]), ...(port !== undefined ? { port } : {}) };
}

/** `a.example, *.cdn.example, 127.0.0.1:4010` → rules, and the entries that are none of these. */
export function parseHostRules(list: string): { rules: HostRule[]; invalid: string[] } {
  const entries = list.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean);
  const rules: HostRule[] = [];
  const invalid: string[] = [];
  for (const entry of entries) {
    const rule = ruleOf(entry);
    if (rule) rules.push(rule);
    else invalid.push(entry);
  }
  return { rules, invalid };
}

/** The URL's port, explicit or its scheme's default. */
export const portOf = (url: URL) => (url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);

/** The rule that lets `url` through, or null. WHATWG URL has already lower-cased the host and bracketed IPv6. */
export function matchingHostRule(url: URL, rules: readonly HostRule[]): HostRule | null {
  const host = url.hostname;
  const port = portOf(url);
  return (
    rules.find((r) => {
      if (r.port !== undefined && r.port !== port) return false;
      return r.wildcard ? host.endsWith(`.${r.host}`) : host === r.host;
    }) ?? null
  );
}

/** Whether the rule names an address itself (`127.0.0.1:4010`): the only way a private address is let through. */
export const namesAddress = (rule: HostRule) => rule.host.startsWith('[') || IPV4.test(rule.host);

/**
 * Why a medium is listed on its message without content: larger than the limit, refused by the allowlist (host,
 * scheme, a private address), gone at the platform (404, an expired URL), its content not what the platform's sha256
 * says, or still failing after the last attempt (5xx, timeouts, LINE still preparing it).
 */
export const MEDIA_SKIP_REASONS = ['too_large', 'refused', 'not_found', 'checksum_mismatch', 'failed'] as const;
export type MediaSkipReason = (typeof MEDIA_SKIP_REASONS)[number];

/** Attempts of one message's media fetch before what still fails is listed as `failed` (the workflow's retry policy). */
export const MEDIA_FETCH_ATTEMPTS = 5;

/** What an attachment that came as a channel medium adds to the e-mail attachment shape. */
export interface MediaOrigin {
  mediaType: MediaType;
  caption?: string;
}
