import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createApiKey, hashApiKey } from '../../api/middleware/auth';
import { loadConfig } from '../../config/config';
import { createLogger } from '../../config/logger';
import { ApiKeyModel } from '../../models/api-key.model';
import { QueryCodeModel } from '../../models/query-code.model';
import { issueQueryCode } from '../../services/query-codes/issue-query-code';
import { hashQueryCode } from '../../services/query-codes/query-code-crypto';
import { startHarness, testEnv, type Harness } from '../support/harness';
import { ticketBody, ticketWhen, type OpenedTicket } from '../support/tickets';

/** MERIDIAN_SECRET rotation: what was issued under the previous secret keeps working while MERIDIAN_SECRET_PREVIOUS is set. */
describe('rotating MERIDIAN_SECRET', () => {
  let h: Harness;
  let old: string;
  const next = randomBytes(24).toString('hex');
  let rotating: Express;
  let rotated: Express;
  beforeAll(async () => {
    h = await startHarness();
    old = h.config.secret;
    const appWith = (env: Record<string, string>) => {
      const config = loadConfig({ ...process.env, ...testEnv(h.db, h.smtp), TEMPORAL_TASK_QUEUE: h.config.temporal.taskQueue, ...env });
      return createApp({ config, logger: createLogger({ level: 'silent' }), temporal: h.client });
    };
    rotating = appWith({ MERIDIAN_SECRET: next, MERIDIAN_SECRET_PREVIOUS: old });
    rotated = appWith({ MERIDIAN_SECRET: next });
  });
  afterAll(async () => h?.stop());

  const regionsAs = (app: Express, key: string) => request(app).get('/api/regions').set('Authorization', `Bearer ${key}`);
  /** Opens a ticket through `app` and waits until its workflow has written it. */
  const open = async (app: Express, key = randomUUID()) => {
    const opened = (await request(app).post('/api/tickets').set('Idempotency-Key', key).send(ticketBody()).expect(201)).body as OpenedTicket;
    await ticketWhen(opened.id, () => true);
    return opened;
  };
  const track = (app: Express, code: string) => request(app).get(`/api/track/${code}`);

  it('accepts API keys issued under the previous secret and re-hashes each one used, so it outlives the rotation', async () => {
    const used = await createApiKey({ name: 'used during rotation', role: 'ops' }, old);
    const idle = await createApiKey({ name: 'idle during rotation', role: 'ops' }, old);
    await regionsAs(rotating, used.key).expect(200);
    expect((await ApiKeyModel.findById(used.id).lean())?.hash).toBe(hashApiKey(used.key, next));

    await regionsAs(rotated, used.key).expect(200);
    const refused = await regionsAs(rotated, idle.key).expect(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
  });

  it('resolves query codes issued under the previous secret; those looked up during the rotation keep working after it', async () => {
    const looked = await open(h.app);
    const unseen = await open(h.app);
    expect((await track(rotating, looked.queryCode).expect(200)).body.subject).toBe('Where is my order?');

    await track(rotated, looked.queryCode).expect(200);
    expect((await track(rotated, unseen.queryCode).expect(404)).body.code).toBe('QUERY_CODE_NOT_FOUND');
    const fresh = await open(rotated);
    await track(rotated, fresh.queryCode).expect(200);
    // A mail sent after the rotation shows the ticket's code under the new secret: it resolves too.
    await track(rotated, await issueQueryCode(next, unseen.id)).expect(200);
  });

  it('answers an intake retried across the rotation with the ticket the first attempt opened; both its codes work', async () => {
    const key = randomUUID();
    const body = ticketBody();
    const first = await request(h.app).post('/api/tickets').set('Idempotency-Key', key).send(body).expect(201);
    const retried = await request(rotating).post('/api/tickets').set('Idempotency-Key', key).send(body).expect(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body.id).toBe(first.body.id);
    // The retry hands out the code under the current secret; the one first issued still resolves too.
    for (const code of [first.body.queryCode, retried.body.queryCode]) await track(rotating, code).expect(200);
  });

  it('still accepts API keys and query codes stored before keys were derived (keyed with the raw secret)', async () => {
    const legacy = await createApiKey({ name: 'from before derived keys', role: 'ops' }, old);
    await ApiKeyModel.updateOne({ _id: legacy.id }, { $set: { hash: createHmac('sha256', old).update(legacy.key).digest('hex') } });
    await regionsAs(h.app, legacy.key).expect(200);
    expect((await ApiKeyModel.findById(legacy.id).lean())?.hash).toBe(hashApiKey(legacy.key, old));

    const ticket = await open(h.app);
    const current = await QueryCodeModel.findOneAndDelete({ _id: hashQueryCode(old, ticket.queryCode) }).lean();
    const legacyHash = createHmac('sha256', old).update(`query-code-hash:${ticket.queryCode}`).digest('hex');
    await QueryCodeModel.create({ ...current, _id: legacyHash });
    await track(h.app, ticket.queryCode).expect(200);
    expect(await QueryCodeModel.findById(hashQueryCode(old, ticket.queryCode)).lean()).toMatchObject({ ticketId: ticket.id });
  });
});
