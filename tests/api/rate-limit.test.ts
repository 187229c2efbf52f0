import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createLogger } from '../../config/logger';
import { startConfigApi, testConfig, type ConfigApiHarness } from './config-api.helpers';

/** A fixed instant inside one rate-limit window, so no test straddles a window boundary. */
const NOW = Date.UTC(2026, 0, 5, 10, 0, 15);
const LIMIT = 3;
/** The limiter's table (RATE_LIMIT_MEMORY_CLIENTS) in this test: the flood of new addresses is twice as large. */
const CLIENTS = 500;

/** Intake's limiter guards POST /api/tickets; an empty body is refused after counting, without touching Temporal. */
describe('rate limits on the public API', () => {
  let api: ConfigApiHarness;
  beforeAll(async () => {
    api = await startConfigApi();
  });
  afterAll(async () => api?.close());

  const appWith = (env: Record<string, string>, now = () => NOW): Express =>
    createApp({ config: testConfig({ INTAKE_RATE_LIMIT_PER_MINUTE: String(LIMIT), ...env }), logger: createLogger({ level: 'silent' }), temporal: api.temporal, now });
  const intake = (app: Express, forwardedFor?: string) => {
    const req = request(app).post('/api/tickets');
    return (forwardedFor === undefined ? req : req.set('X-Forwarded-For', forwardedFor)).send({});
  };
  const statuses = async (app: Express, forwardedFor: (i: number) => string | undefined, count: number) => {
    const seen: number[] = [];
    for (let i = 0; i < count; i += 1) seen.push((await intake(app, forwardedFor(i))).status);
    return seen;
  };

  it('ignores X-Forwarded-For when TRUST_PROXY is unset: a forged header per request does not reset the count', async () => {
    const app = appWith({});
    expect(await statuses(app, (i) => `198.51.100.${i}`, LIMIT + 2)).toEqual([400, 400, 400, 429, 429]);
  });

  it('with TRUST_PROXY=1 counts the address the proxy saw, whatever the client forged before it', async () => {
    const app = appWith({ TRUST_PROXY: '1' });
    // The proxy appends the address it saw; what comes before is the client's own, and may be anything.
    expect(await statuses(app, (i) => `10.0.0.${i}, 203.0.113.7`, LIMIT + 2)).toEqual([400, 400, 400, 429, 429]);
    expect((await intake(app, '203.0.113.8')).status).toBe(400); // another client is not affected
    // A host rotating addresses inside its IPv6 /64 is one client.
    expect(await statuses(app, (i) => `2001:db8:5:6:${i.toString(16)}::1`, LIMIT + 1)).toEqual([400, 400, 400, 429]);
  });

  it('keeps a limited client limited while twice as many other addresses as the table holds come and go', async () => {
    const app = appWith({ TRUST_PROXY: '1', RATE_LIMIT_MEMORY_CLIENTS: String(CLIENTS) });
    const victim = '203.0.113.50';
    expect(await statuses(app, () => victim, LIMIT + 1)).toEqual([400, 400, 400, 429]);

    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/tickets`;
      const flood = (i: number) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}` }, body: '{}' });
      for (let batch = 0; batch < 2 * CLIENTS; batch += 20) {
        const responses = await Promise.all(Array.from({ length: 20 }, (_, j) => flood(batch + j)));
        await Promise.all(responses.map((r) => r.arrayBuffer()));
        expect(responses.map((r) => r.status)).toEqual(Array(20).fill(400));
      }
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    expect((await intake(app, victim)).status).toBe(429);
  }, 300_000); // 1,000 real HTTP requests: a generous bound for a loaded machine, not jest's default minute

  it('shares one limit between API processes with RATE_LIMIT_STORE=mongodb, also under concurrent requests', async () => {
    const [a, b] = [appWith({ RATE_LIMIT_STORE: 'mongodb' }), appWith({ RATE_LIMIT_STORE: 'mongodb' })];
    const seen = [];
    for (const app of [a, b, a, b, a]) seen.push((await intake(app)).status);
    expect(seen).toEqual([400, 400, 400, 429, 429]);

    // 30 requests at once, half through each process, from a client with a fresh window: exactly LIMIT get through.
    const later = () => NOW + 60_000;
    const [c, d] = [appWith({ RATE_LIMIT_STORE: 'mongodb' }, later), appWith({ RATE_LIMIT_STORE: 'mongodb' }, later)];
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => intake(i % 2 ? c : d)));
    const passed = burst.filter((r) => r.status === 400);
    expect(passed).toHaveLength(LIMIT);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(30 - LIMIT);
  });
});
