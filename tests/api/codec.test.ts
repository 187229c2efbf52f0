import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../api/app';
import { toJsonPayload } from '../../api/codec/codec.schema';
import { createApiKey } from '../../api/middleware/auth';
import { createLogger } from '../../config/logger';
import { ticketWorkflowId } from '../../domain/ticket';
import { startHarness, type Harness } from '../support/harness';
import { payloadsIn } from '../support/history-payloads';
import { act, eventWhen, openTicket } from '../support/tickets';

const UI_ORIGIN = 'http://temporal-ui.test:8080';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');
const jsonPayload = (value: unknown) => ({ metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify(value)) });

describe('codec endpoint for the Temporal Web UI and CLI (POST /codec/decode, /codec/encode)', () => {
  let h: Harness;
  const keys = { ops: '', agent: '' };
  beforeAll(async () => {
    h = await startHarness({ env: { TEMPORAL_UI_ORIGIN: UI_ORIGIN } });
    keys.ops = (await createApiKey({ name: 'ops', role: 'ops' }, h.config.secret)).key;
    keys.agent = (await createApiKey({ name: 'agent', role: 'agent', departmentIds: ['support'] }, h.config.secret)).key;
  });
  afterAll(async () => h?.stop());

  const codec = (operation: 'decode' | 'encode', body: object, key: string | null = h.adminKey, app = h.app) => {
    const req = request(app).post(`/codec/${operation}`).set('X-Namespace', h.config.temporal.namespace);
    return (key ? req.set('Authorization', `Bearer ${key}`) : req).send(body);
  };

  it('shows an admin the internal note that a ticket’s stored history only holds encrypted', async () => {
    const { id } = await openTicket(h);
    const note = `Internal: goodwill credit of 40 EUR agreed (${randomBytes(4).toString('hex')})`;
    await act(h, id, 'notes', { body: note }).expect(200);
    await eventWhen(id, 'note.internal');
    const history = await h.client.workflow.getHandle(ticketWorkflowId(id)).fetchHistory();
    const stored = payloadsIn(history).map(toJsonPayload); // exactly what the Web UI reads from Temporal and sends
    expect(JSON.stringify(stored.map((p) => unb64(p.data)))).not.toContain(note);

    const res = await codec('decode', { payloads: stored }).expect(200).expect('Cache-Control', 'no-store');
    const decoded = (res.body as { payloads: Array<{ metadata: Record<string, string>; data: string }> }).payloads;
    expect(decoded).toHaveLength(stored.length);
    expect(decoded.map((p) => unb64(p.data)).join('\n')).toContain(note);
    expect(decoded.every((p) => unb64(p.metadata.encoding ?? '') !== 'binary/encrypted')).toBe(true);
  });

  it('round-trips what the Web UI sends to start or signal a workflow, and passes plain payloads through unchanged', async () => {
    const original = [jsonPayload({ customer: 'Dana Demo', note: 'x'.repeat(200_000) }), jsonPayload('second')]; // over the API's usual 64 kB
    const encoded = (await codec('encode', { payloads: original }).expect(200)).body as { payloads: Array<{ metadata: Record<string, string>; data: string }> };
    expect(encoded.payloads.map((p) => unb64(p.metadata.encoding!))).toEqual(['binary/encrypted', 'binary/encrypted']);
    expect(encoded.payloads.map((p) => unb64(p.data)).join()).not.toContain('Dana');

    const decoded = await codec('decode', { payloads: [...encoded.payloads, original[1]] }).expect(200);
    expect(decoded.body).toEqual({ payloads: [...original, original[1]] });
  });

  it.each(['decode', 'encode'] as const)('/codec/%s answers admin keys only: 401 without or with an unknown key, 403 for ops and agents', async (operation) => {
    const body = { payloads: [jsonPayload('x')] };
    const anonymous = await codec(operation, body, null).expect(401).expect('WWW-Authenticate', /Bearer/);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    await codec(operation, body, `mrd_${randomBytes(32).toString('base64url')}`).expect(401);
    for (const key of [keys.ops, keys.agent]) expect((await codec(operation, body, key).expect(403)).body.code).toBe('FORBIDDEN');
  });

  it.each([
    ['no payloads', {}, '/body/payloads'],
    ['data that is not base64', { payloads: [{ metadata: { encoding: b64('json/plain') }, data: 'not base64!' }] }, '/body/payloads/0/data'],
    ['metadata that is not base64', { payloads: [{ metadata: { encoding: 'json/plain!' }, data: '' }] }, '/body/payloads/0/metadata/encoding'],
    ['an unknown top-level field', { payloads: [], secret: true }, '/body'],
  ])('rejects %s with a 400 problem naming the field', async (_what, body, pointer) => {
    const res = await codec('decode', body).expect(400).expect('Content-Type', /application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ pointer })] });
  });

  it('refuses another namespace (an empty X-Namespace, as the CLI sends without --namespace, is ours) and non-JSON bodies', async () => {
    const post = (namespace: string) =>
      request(h.app).post('/codec/decode').set('Authorization', `Bearer ${h.adminKey}`).set('X-Namespace', namespace).send({ payloads: [] });
    const other = await post('payments').expect(400);
    expect(other.body.errors).toEqual([expect.objectContaining({ pointer: '/headers/x-namespace', message: expect.stringContaining('"default"') })]);
    await post('').expect(200);
    await request(h.app).post('/codec/decode').set('Authorization', `Bearer ${h.adminKey}`).set('Content-Type', 'text/plain').send('payloads').expect(415);
  });

  it('lets the configured Web UI origin call it from the browser, and no other web page', async () => {
    const preflight = await request(h.app)
      .options('/codec/decode')
      .set('Origin', UI_ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,x-namespace')
      .expect(204);
    expect(preflight.headers).toMatchObject({ 'access-control-allow-origin': UI_ORIGIN, 'access-control-allow-methods': 'POST' });
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization.*Content-Type.*X-Namespace/);
    const fromUi = await codec('decode', { payloads: [] }).set('Origin', UI_ORIGIN).expect(200);
    expect(fromUi.headers['access-control-allow-origin']).toBe(UI_ORIGIN);

    const elsewhere = 'https://attacker.example';
    const refused = await request(h.app).options('/codec/decode').set('Origin', elsewhere).set('Access-Control-Request-Method', 'POST').expect(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    await codec('decode', { payloads: [] }).set('Origin', elsewhere).expect(403);
  });

  it('rate-limits codec requests per client, before checking the key', async () => {
    const config = { ...h.config, rateLimits: { ...h.config.rateLimits, codecPerMinute: 2 } };
    const limited = createApp({ config, logger: createLogger({ level: 'silent' }), temporal: h.client });
    await codec('decode', { payloads: [] }, h.adminKey, limited).expect(200);
    await codec('decode', { payloads: [] }, null, limited).expect(401);
    const res = await codec('decode', { payloads: [] }, h.adminKey, limited).expect(429).expect('Retry-After', /\d+/);
    expect(res.body.code).toBe('TOO_MANY_REQUESTS');
  });

  it('is described in the OpenAPI document as admin-only, with its body and X-Namespace', async () => {
    const doc = (await request(h.app).get('/openapi.json').expect(200)).body as {
      paths: Record<string, { post?: { description?: string; security: unknown[]; requestBody?: unknown; parameters: Array<{ name: string; in: string }> } }>;
    };
    for (const path of ['/codec/decode', '/codec/encode']) {
      const op = doc.paths[path]?.post;
      expect(op).toMatchObject({ description: 'Roles: admin.', security: [{ apiKey: [] }], requestBody: expect.anything() });
      expect(op?.parameters).toEqual([expect.objectContaining({ name: 'x-namespace', in: 'header' })]);
    }
  });
});
