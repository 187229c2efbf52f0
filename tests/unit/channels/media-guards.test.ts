/**
 * The SSRF guards of media fetching, on real loopback servers: the allowlist (names, wildcards, ports), https only
 * unless http is allowed, redirects checked again (and the credential left behind on another origin), names that
 * resolve to private addresses refused, the size cap with and without a Content-Length, and the timeout.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from '../../../config/config';
import { matchingHostRule, parseHostRules } from '../../../domain/channels/media-policy';
import { guardedGet, isPrivateAddress, MediaFetchError, type MediaFetchPolicy } from '../../../activities/media/guarded-get';

interface Local {
  url: string;
  seen: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

async function local(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Local> {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    answer(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

const policyFor = (hosts: string, overrides: Partial<MediaFetchPolicy> = {}): MediaFetchPolicy => ({ allowedHosts: parseHostRules(hosts).rules, allowHttp: true, maxBytes: 1000, timeoutMs: 5000, ...overrides });

async function refusal(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(() => null, (e: unknown) => e);
  if (!(err instanceof MediaFetchError)) throw new Error(`expected a MediaFetchError, got ${String(err)}`);
  return err.reason;
}

describe('media allowlist', () => {
  it('matches exact names, subdomains of a wildcard (not the bare domain) and ports when given', () => {
    const { rules, invalid } = parseHostRules('lookaside.fbsbx.com, *.fbcdn.net, 127.0.0.1:4010, *.bad.*, http://x.com');
    expect(invalid).toEqual(['*.bad.*', 'http://x.com']);
    const allowed = (u: string) => matchingHostRule(new URL(u), rules) !== null;
    expect(allowed('https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1')).toBe(true);
    expect(allowed('https://scontent.xx.fbcdn.net/v/t1/a.jpg')).toBe(true);
    expect(allowed('https://fbcdn.net/a.jpg')).toBe(false);
    expect(allowed('https://evilfbcdn.net/a.jpg')).toBe(false);
    expect(allowed('https://fbcdn.net.evil.com/a.jpg')).toBe(false);
    expect(allowed('http://127.0.0.1:4010/x')).toBe(true);
    expect(allowed('http://127.0.0.1:4011/x')).toBe(false);
    expect(allowed('http://169.254.169.254/latest/meta-data/')).toBe(false);
  });

  it('is refused at boot when an entry is not a host (every problem at once)', () => {
    const base = { MONGODB_URI: 'mongodb://127.0.0.1:1/t', MERIDIAN_SECRET: 'unit-test-secret-0123456789abcdef-xyz' };
    expect(loadConfig(base).channelMedia).toMatchObject({ maxBytes: 20 * 1024 * 1024, allowHttp: false, timeoutMs: 30_000 });
    expect(() => loadConfig({ ...base, CHANNEL_MEDIA_ALLOWED_HOSTS: 'ok.example, https://no.example/' })).toThrow(ConfigError);
  });

  it.each([
    ['127.0.0.1', true],
    ['10.2.3.4', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['157.240.1.35', false],
    ['2a03:2880:f10c:83:face:b00c:0:25de', false],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('guardedGet', () => {
  let target: Local;
  let other: Local;
  beforeAll(async () => {
    other = await local((_req, res) => res.end('internal'));
    target = await local((req, res) => {
      if (req.url === '/redirect-away') return void res.writeHead(302, { Location: `${other.url}/admin` }).end();
      if (req.url === '/big') return void res.end(Buffer.alloc(5000));
      if (req.url === '/big-chunked') {
        for (let i = 0; i < 10; i++) res.write(Buffer.alloc(500));
        return void res.end();
      }
      if (req.url?.startsWith('/slow')) return; // never answers
      res.writeHead(200, { 'Content-Type': 'image/png' }).end(Buffer.from('png!'));
    });
  });
  afterAll(async () => {
    await target.close();
    await other.close();
  });

  it('fetches from an allowed host and port', async () => {
    const answer = await guardedGet(`${target.url}/file`, { policy: policyFor(new URL(target.url).host) });
    expect([answer.status, answer.body.toString()]).toEqual([200, 'png!']);
  });

  it('refuses http unless allowed, and hosts or ports off the list, before any request', async () => {
    const host = new URL(target.url).host;
    const before = target.seen.length;
    expect(await refusal(guardedGet(`${target.url}/file`, { policy: policyFor(host, { allowHttp: false }) }))).toBe('refused');
    expect(await refusal(guardedGet(`${other.url}/file`, { policy: policyFor(host) }))).toBe('refused');
    expect(await refusal(guardedGet('http://169.254.169.254/latest/meta-data/', { policy: policyFor(host) }))).toBe('refused');
    expect(await refusal(guardedGet('not a url', { policy: policyFor(host) }))).toBe('refused');
    expect(target.seen.length).toBe(before);
    expect(other.seen).toEqual([]);
  });

  it('refuses a name on the list that resolves to a private address (only an address itself on the list lets one through)', async () => {
    const port = new URL(target.url).port;
    expect(await refusal(guardedGet(`http://localhost:${port}/file`, { policy: policyFor(`localhost:${port}`) }))).toBe('refused');
  });

  it('checks every redirect against the list, and leaves the credential behind on another origin', async () => {
    const host = new URL(target.url).host;
    expect(await refusal(guardedGet(`${target.url}/redirect-away`, { policy: policyFor(host) }))).toBe('refused');
    expect(other.seen).toEqual([]);
    const both = `${host},${new URL(other.url).host}`;
    const answer = await guardedGet(`${target.url}/redirect-away`, { policy: policyFor(both), headers: { Authorization: 'Bearer secret-token' } });
    expect(answer.body.toString()).toBe('internal');
    expect(target.seen.at(-1)?.authorization).toBe('Bearer secret-token');
    expect(other.seen.at(-1)?.authorization).toBeUndefined();
  });

  it('stops at the size limit, declared or streamed', async () => {
    const policy = policyFor(new URL(target.url).host);
    expect(await refusal(guardedGet(`${target.url}/big`, { policy }))).toBe('too_large');
    expect(await refusal(guardedGet(`${target.url}/big-chunked`, { policy }))).toBe('too_large');
  });

  it('gives up after the timeout, as a failure worth another attempt, with secrets scrubbed', async () => {
    const err = await guardedGet(`${target.url}/slow?token=s3cr3t`, { policy: policyFor(new URL(target.url).host, { timeoutMs: 200 }), secrets: ['s3cr3t'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaFetchError);
    expect(err).toMatchObject({ reason: 'failed', retryable: true });
    expect((err as Error).message).not.toContain('s3cr3t');
  });
});
