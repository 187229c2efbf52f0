/**
 * One GET for inbound media, held to the SSRF guards (notes B.1 API7): https only (http when configured for local
 * tests), the host on the allowlist on the first request and on every redirect (followed by hand, at most three, the
 * credential dropped when the origin changes), no private, loopback or link-local address unless the allowlist names
 * that address itself (checked on the address actually connected to, so DNS cannot swap it in between), a size limit
 * (reading stops past it) and a timeout over the whole request. Error texts are scrubbed of the caller's secrets.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { LookupFunction } from 'node:net';
import { matchingHostRule, namesAddress, type HostRule, type MediaSkipReason } from '../../domain/channels/media-policy';
import { scrub } from '../channels/channel-http';

export interface MediaFetchPolicy {
  allowedHosts: readonly HostRule[];
  allowHttp: boolean;
  maxBytes: number;
  timeoutMs: number;
}

/** Why a fetch produced no content; `retryable`: another attempt may succeed (network, 5xx, still being prepared). */
export class MediaFetchError extends Error {
  constructor(
    readonly reason: MediaSkipReason,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'MediaFetchError';
  }
}

export interface MediaAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body of a 2xx answer (empty otherwise: the caller only needs the status). */
  body: Buffer;
}

const PRIVATE = new net.BlockList();
for (const [net4, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3]] as const)
  PRIVATE.addSubnet(net4, prefix, 'ipv4');
for (const [net6, prefix] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['2001:db8::', 32]] as const) PRIVATE.addSubnet(net6, prefix, 'ipv6');

/** Whether an address is not on the public internet (loopback, private, link-local such as 169.254.169.254, …). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  const family = net.isIP(address);
  return family === 0 || PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** dns.lookup that refuses to hand a private address to the connection. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 4);
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad || list.length === 0) return callback(Object.assign(new Error('the host resolves to a private address'), { code: 'MEDIA_PRIVATE_ADDRESS' }), '', 4);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

function checkUrl(url: URL, policy: MediaFetchPolicy): HostRule {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) throw new MediaFetchError('refused', `${url.protocol} is not allowed for media`);
  if (url.username || url.password) throw new MediaFetchError('refused', 'a media URL may not carry credentials');
  const rule = matchingHostRule(url, policy.allowedHosts);
  if (!rule) throw new MediaFetchError('refused', `host ${url.host} is not on the media allowlist`);
  const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (net.isIP(literal) && isPrivateAddress(literal) && !namesAddress(rule)) throw new MediaFetchError('refused', 'a private address is not allowed');
  return rule;
}

function once(url: URL, headers: Record<string, string>, policy: MediaFetchPolicy, signal: AbortSignal): Promise<{ res: http.IncomingMessage }> {
  const rule = checkUrl(url, policy);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'GET', headers, signal, ...(namesAddress(rule) ? {} : { lookup: publicOnlyLookup }) }, (res) => resolve({ res }));
    req.on('error', reject);
    req.end();
  });
}

async function readCapped(res: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw new MediaFetchError('too_large', `the platform declares ${declared} bytes, over the ${maxBytes} limit`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      res.destroy(); // stop reading: nothing of it is kept
      throw new MediaFetchError('too_large', `over the ${maxBytes} byte limit`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const MAX_REDIRECTS = 3;

/** GETs `target` under the policy; any final status comes back, refusals and network failures as MediaFetchError. */
export async function guardedGet(target: string, options: { policy: MediaFetchPolicy; headers?: Record<string, string>; secrets?: string[] }): Promise<MediaAnswer> {
  const { policy } = options;
  const secrets = options.secrets ?? [];
  const signal = AbortSignal.timeout(policy.timeoutMs);
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new MediaFetchError('refused', 'not a URL');
  }
  const origin = url.origin;
  try {
    for (let hop = 0; ; hop++) {
      const { res } = await once(url, url.origin === origin ? (options.headers ?? {}) : {}, policy, signal);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location) {
        res.resume();
        if (hop >= MAX_REDIRECTS) throw new MediaFetchError('failed', 'too many redirects');
        url = new URL(location, url);
        continue;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        return { status, headers: res.headers, body: Buffer.alloc(0) };
      }
      return { status, headers: res.headers, body: await readCapped(res, policy.maxBytes) };
    }
  } catch (err) {
    if (err instanceof MediaFetchError) throw new MediaFetchError(err.reason, scrub(err.message, secrets), err.retryable);
    if ((err as { code?: unknown }).code === 'MEDIA_PRIVATE_ADDRESS') throw new MediaFetchError('refused', 'the host resolves to a private address');
    const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new MediaFetchError('failed', scrub(`media request failed: ${why}`, secrets), true);
  }
}
