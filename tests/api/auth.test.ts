import express from 'express';
import request from 'supertest';
import { createApiKey, ensureBootstrapAdminKey } from '../../api/middleware/auth';
import { notFoundHandler, problemHandler } from '../../api/middleware/problem';
import { MemoryRateLimitStore } from '../../api/middleware/memory-rate-limit-store';
import { createRateLimiter } from '../../api/middleware/rate-limit';
import { ApiKeyModel } from '../../models/api-key.model';
import { caller, departmentBody, startConfigApi, type ConfigApiHarness } from './config-api.helpers';
import { captureLogger } from '../support/log-capture';

let api: ConfigApiHarness;
let agentKey: string;

beforeAll(async () => {
  api = await startConfigApi();
  for (const id of ['support', 'billing']) {
    await caller(api, api.keys.admin).put(`/api/departments/${id}`, departmentBody(id)).expect(201);
  }
  agentKey = (await createApiKey({ name: 'support agent', role: 'agent', departmentIds: ['support'], memberId: 'ana' }, api.config.secret)).key;
});
afterAll(async () => {
  await api.close();
});

const as = (key: string) => caller(api, key);

describe('authentication', () => {
  it('answers a request without a key with 401, a Bearer challenge and a problem body', async () => {
    const res = await request(api.app).get('/api/regions').expect(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', type: 'https://meridian.dev/problems/unauthenticated' });
  });

  it.each([['Bearer mrd_' + 'A'.repeat(43)], ['Bearer not-a-key'], ['Basic YWRtaW46YWRtaW4='], ['Bearer']])(
    'answers the Authorization header %p with 401',
    async (header) => {
      const res = await request(api.app).get('/api/regions').set('Authorization', header).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    },
  );

  it('stores only a hash of each key', async () => {
    const { id, key } = await createApiKey({ name: 'hash check', role: 'ops' }, api.config.secret);
    const stored = await ApiKeyModel.findById(id).lean();
    expect(key).toMatch(/^mrd_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(stored)).not.toContain(key);
    expect(JSON.stringify(stored)).not.toContain(key.slice(4));
    expect(stored?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a revoked key with 401 from the moment it is revoked', async () => {
    const { id, key } = await createApiKey({ name: 'short-lived', role: 'ops' }, api.config.secret);
    await as(key).get('/api/regions').expect(200);
    await as(api.keys.admin).delete(`/api/api-keys/${id}`).expect(204);
    const res = await as(key).get('/api/regions').expect(401);
    expect(res.body.detail).toBe('the API key is unknown or revoked');
    await as(api.keys.admin).delete(`/api/api-keys/${id}`).expect(204); // revoking twice is harmless
  });
});

describe('roles and department scope', () => {
  it('forbids an agent from writing configuration (403)', async () => {
    const res = await as(agentKey).put('/api/departments/support', departmentBody('support')).expect(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    await as(agentKey).get('/api/regions').expect(403);
    await as(agentKey).get('/api/processes').expect(403);
  });

  it('lets an agent read its own department and list only that one', async () => {
    await as(agentKey).get('/api/departments/support').expect(200);
    const list = await as(agentKey).get('/api/departments').expect(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual(['support']);
    const all = await as(api.keys.ops).get('/api/departments').expect(200);
    expect(all.body.items.map((d: { id: string }) => d.id)).toEqual(['billing', 'support']);
  });

  it('answers an agent asking for another department exactly as for one that does not exist (404)', async () => {
    const other = await as(agentKey).get('/api/departments/billing').expect(404);
    const missing = await as(agentKey).get('/api/departments/no-such-dept').expect(404);
    expect(other.body.code).toBe('DEPARTMENT_NOT_FOUND');
    expect(missing.body.code).toBe('DEPARTMENT_NOT_FOUND');
    expect(Object.keys(other.body).sort()).toEqual(Object.keys(missing.body).sort());
  });

  it('keeps API key management to admins', async () => {
    await as(api.keys.ops).post('/api/api-keys', { name: 'x', role: 'ops' }).expect(403);
    await as(api.keys.ops).get('/api/api-keys').expect(403);
    await as(agentKey).delete('/api/api-keys/bootstrap-admin').expect(403);
  });
});

describe('API key management', () => {
  it('creates a key whose plaintext is returned once and lists keys without secrets', async () => {
    const created = await as(api.keys.admin).post('/api/api-keys', { name: 'billing agent', role: 'agent', departmentIds: ['billing'] }).expect(201);
    expect(Object.keys(created.body).sort()).toEqual(['id', 'key']);
    await as(created.body.key).get('/api/departments/billing').expect(200);
    await as(created.body.key).get('/api/departments/support').expect(404);

    const list = await as(api.keys.admin).get('/api/api-keys').expect(200);
    const listed = list.body.items.find((k: { id: string }) => k.id === created.body.id);
    expect(listed).toEqual({ id: created.body.id, name: 'billing agent', role: 'agent', departmentIds: ['billing'], createdAt: expect.any(String) });
    expect(JSON.stringify(list.body)).not.toMatch(/mrd_|"hash"/);
  });

  it('validates new keys: agents need existing departments and a member of them', async () => {
    const admin = as(api.keys.admin);
    const noDepartments = await admin.post('/api/api-keys', { name: 'a', role: 'agent' }).expect(400);
    expect(noDepartments.body.errors).toEqual([expect.objectContaining({ pointer: '/body/departmentIds' })]);
    const unknown = await admin.post('/api/api-keys', { name: 'a', role: 'agent', departmentIds: ['support', 'ghost'] }).expect(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ pointer: '/body/departmentIds/1' })]);
    const stranger = await admin.post('/api/api-keys', { name: 'a', role: 'agent', departmentIds: ['support'], memberId: 'zed' }).expect(422);
    expect(stranger.body.errors).toEqual([expect.objectContaining({ pointer: '/body/memberId' })]);
    const badRole = await admin.post('/api/api-keys', { name: 'a', role: 'root' }).expect(400);
    expect(badRole.body.errors).toEqual([expect.objectContaining({ pointer: '/body/role' })]);
  });

  it('answers revoking an unknown key with 404', async () => {
    const res = await as(api.keys.admin).delete('/api/api-keys/key-0000').expect(404);
    expect(res.body.code).toBe('API_KEY_NOT_FOUND');
  });
});

describe('rate limiting', () => {
  function limitedApp(now: () => number, capacity?: number) {
    const app = express();
    const store = new MemoryRateLimitStore(capacity);
    const limiter = createRateLimiter({ name: 'test', windowMs: 60_000, max: 2, key: (req) => String(req.get('x-client')), now, store });
    app.get('/limited', limiter, (_req, res) => {
      res.json({ ok: true });
    });
    app.use(notFoundHandler);
    app.use(problemHandler(captureLogger([])));
    return app;
  }

  it('allows max requests per window, then answers 429 with Retry-After until the window resets', async () => {
    let clock = 1_020_000; // the start of a one-minute window
    const app = limitedApp(() => clock);
    const first = await request(app).get('/limited').set('x-client', 'a').expect(200);
    expect(first.headers).toMatchObject({ 'ratelimit-limit': '2', 'ratelimit-remaining': '1', 'ratelimit-reset': '60' });
    await request(app).get('/limited').set('x-client', 'a').expect(200);
    const limited = await request(app).get('/limited').set('x-client', 'a').expect(429);
    expect(limited.headers['retry-after']).toBe('60');
    expect(limited.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429 });
    await request(app).get('/limited').set('x-client', 'b').expect(200);
    clock += 60_000;
    await request(app).get('/limited').set('x-client', 'a').expect(200);
  });

  it('keeps memory bounded without letting new clients push out one that is over its limit', async () => {
    const app = limitedApp(() => 5_000, 3);
    for (const client of ['a', 'a', 'a', 'b', 'c', 'd', 'e', 'f']) await request(app).get('/limited').set('x-client', client);
    // "a" is over its limit; the five newcomers only ever replaced each other's counters.
    await request(app).get('/limited').set('x-client', 'a').expect(429);
  });
});

describe('bootstrap admin key', () => {
  it('is created once on an empty installation, by exactly one of several concurrent callers', async () => {
    await ApiKeyModel.deleteMany({});
    const results = await Promise.all([1, 2, 3].map(() => ensureBootstrapAdminKey(api.config.secret)));
    const created = results.filter((r) => r !== null);
    expect(created).toHaveLength(1);
    expect(created[0]?.id).toBe('bootstrap-admin');
    expect(await ensureBootstrapAdminKey(api.config.secret)).toBeNull();
    await as(created[0]?.key ?? '').get('/api/api-keys').expect(200);
    const last = await as(created[0]?.key ?? '').delete('/api/api-keys/bootstrap-admin').expect(409);
    expect(last.body.code).toBe('CONFLICT');
  });
});
