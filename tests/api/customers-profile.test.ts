/**
 * The customer record on the real stack: the 360° read, staff changes recorded as verified and audited, search by
 * name, e-mail, phone and channel id with a cursor walk that sees everyone once, and agents scoped to the customers
 * of their departments (404 for the others, as for customers that do not exist).
 */
import request from 'supertest';
import { createApp } from '../../api/app';
import { createApiKey } from '../../api/middleware/auth';
import { createLogger } from '../../config/logger';
import { CustomerAuditModel } from '../../models/customer-audit.model';
import { CustomerIdentityModel } from '../../models/customer-identity.model';
import { startHarness, type Harness } from '../support/harness';
import { openTicket, readTicket, ticketBody, ticketWhen } from '../support/tickets';

describe('the customer record (real stack)', () => {
  let h: Harness;
  let agentA: string;
  let agentB: string;
  /** Customers with a ticket in support (A) and one only in the night desk (B). */
  let inA: string;
  let inB: string;
  const emailA = 'zoe.angstrom@example.com';

  const get = (path: string, key = h.adminKey) => request(h.app).get(path).set('Authorization', `Bearer ${key}`);
  const patch = (id: string, body: object, key = h.adminKey) => request(h.app).patch(`/api/customers/${id}`).set('Authorization', `Bearer ${key}`).send(body);

  beforeAll(async () => {
    h = await startHarness();
    agentA = (await createApiKey({ name: 'agent A', role: 'agent', departmentIds: ['support'], memberId: 'alice' }, h.config.secret)).key;
    agentB = (await createApiKey({ name: 'agent B', role: 'agent', departmentIds: ['night'], memberId: 'nora' }, h.config.secret)).key;
    const a = await openTicket(h, ticketBody({}, { email: emailA, phone: '+4930123456' }));
    const b = await openTicket(h, ticketBody({ subject: 'nightowl order never arrived' }));
    await Promise.all([ticketWhen(a.id, (t) => (t.departmentIds ?? []).includes('support')), ticketWhen(b.id, (t) => (t.departmentIds ?? []).includes('night'))]);
    [inA, inB] = [(await readTicket(a.id)).customerId, (await readTicket(b.id)).customerId];
    await CustomerIdentityModel.create({ _id: 'telegram:987654321', kind: 'telegram', customerId: inA, createdAt: new Date() });
  }, 120_000);
  afterAll(async () => h?.stop());

  it('shows the record: identities, tier, empty consent, one open ticket', async () => {
    const res = await get(`/api/customers/${inA}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: inA,
      email: emailA,
      phone: '+4930123456',
      tier: 'standard',
      profile: null,
      tags: [],
      consent: { email: null, whatsapp: null, sms: null, marketing: null },
      openTickets: 1,
      mergedInto: null,
      pendingMerge: null,
    });
    expect(res.body.identities.map((i: { id: string }) => i.id)).toEqual([`email:${emailA}`, 'phone:+4930123456', 'telegram:987654321']);
    expect(Date.parse(res.body.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(res.body.createdAt));
  });

  it('records staff changes as the verified profile and audits who changed what', async () => {
    const body = { name: 'Zoë Ångström', regionId: 'test-utc', timeZone: 'Asia/Kathmandu', language: 'pt-BR', tier: 'vip', tags: ['reseller', 'beta'], consent: { marketing: { granted: true, how: 'web form' } } };
    const res = await patch(inA, body, agentA);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Zoë Ångström', tier: 'vip', tags: ['beta', 'reseller'], profile: { name: 'Zoë Ångström', regionId: 'test-utc', timeZone: 'Asia/Kathmandu', language: 'pt-BR', source: 'staff' } });
    expect(res.body.consent.marketing).toMatchObject({ granted: true, how: 'web form' });
    const audit = await CustomerAuditModel.find({ customerId: inA }).lean();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: { type: 'member', id: 'alice' }, action: 'profile.updated' });
    expect(audit[0]!.changes.map((c) => [c.field, c.from, c.to])).toEqual(
      expect.arrayContaining([['name', null, 'Zoë Ångström'], ['tier', 'standard', 'vip'], ['tags', [], ['beta', 'reseller']], ['language', null, 'pt-BR']]),
    );
    // The same again changes nothing and records nothing.
    expect((await patch(inA, { tier: 'vip' })).status).toBe(200);
    expect(await CustomerAuditModel.countDocuments({ customerId: inA })).toBe(1);
  });

  it.each([
    ['a region that does not exist', { regionId: 'atlantis' }, 422, '/body/regionId'],
    ['a time zone that does not exist', { timeZone: 'Mars/Olympus' }, 422, '/body/timeZone'],
    ['a language that is not BCP 47', { language: 'english' }, 400, '/body/language'],
    ['an unknown tier', { tier: 'gold' }, 400, '/body/tier'],
    ['a field staff cannot set', { email: 'x@example.com' }, 400, '/body'],
    ['nothing to change', {}, 400, '/body'],
  ])('refuses %s with a pointer', async (_title, body, status, pointer) => {
    const res = await patch(inA, body);
    expect(res.status).toBe(status);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  it.each([
    ['a name prefix in any case and accents', 'zoe ang'],
    ['the e-mail however typed', ' Zoe.Angstrom@EXAMPLE.com'],
    ['the phone in another spelling', '0049 30 123456'],
    ['a channel id', '987654321'],
  ])('finds the customer by %s', async (_title, query) => {
    const res = await get(`/api/customers?query=${encodeURIComponent(query)}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([inA]);
  });

  it('walks every customer once, page by page', async () => {
    for (let i = 0; i < 5; i += 1) await openTicket(h, ticketBody());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/api/customers?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(7);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining([inA, inB]));
  });

  it('shows agents only customers with a ticket in their departments; the others are 404 like unknown ones', async () => {
    expect((await get(`/api/customers/${inA}`, agentA)).status).toBe(200);
    const other = await get(`/api/customers/${inB}`, agentA);
    const unknown = await get('/api/customers/cus_doesNotExist0', agentA);
    expect([other.status, unknown.status]).toEqual([404, 404]);
    expect(other.body.code).toBe(unknown.body.code);
    expect((await patch(inB, { tier: 'vip' }, agentA)).status).toBe(404);
    expect((await get(`/api/customers/${inB}/timeline`, agentA)).status).toBe(404);
    const listA = (await get('/api/customers?limit=100', agentA)).body.items.map((c: { id: string }) => c.id);
    expect(listA).toContain(inA);
    expect(listA).not.toContain(inB);
    expect((await get('/api/customers?limit=100', agentB)).body.items.map((c: { id: string }) => c.id)).toEqual([inB]);
  });

  it('rate-limits searches per API key, so a leaked key cannot walk the customers by e-mail or phone', async () => {
    const config = { ...h.config, rateLimits: { ...h.config.rateLimits, customerSearchPerMinute: 2 } };
    const atMs = Date.now() - (Date.now() % 60_000) + 1_000; // one fixed instant: no window boundary between the requests
    const limited = createApp({ config, logger: createLogger({ level: 'silent' }), temporal: h.client, now: () => atMs });
    const search = (key: string) => request(limited).get('/api/customers?query=someone%40example.com').set('Authorization', `Bearer ${key}`);
    expect([(await search(agentA)).status, (await search(agentA)).status]).toEqual([200, 200]);
    const refused = await search(agentA);
    expect([refused.status, refused.body.code]).toEqual([429, 'TOO_MANY_REQUESTS']);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect((await search(agentB)).status).toBe(200); // another key counts on its own
  });
});
