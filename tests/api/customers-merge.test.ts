/**
 * Merging customers on the real stack: everything moves to the survivor and the merged customer still answers with
 * mergedInto; refusals; an undo that restores exactly, and one refused once the survivor changed; a merge that crashed
 * halfway finished by asking again.
 */
import request from 'supertest';
import { CustomerIdentityModel } from '../../models/customer-identity.model';
import { CustomerModel } from '../../models/customer.model';
import { MergeSuggestionModel } from '../../models/merge-suggestion.model';
import { TicketModel } from '../../models/ticket.model';
import { beginMerge } from '../../services/customers/merge-customers';
import { applyMergeStep } from '../../services/customers/merge-steps';
import { opsAndAgentKeys } from '../support/staff-keys';
import { startHarness, type Harness } from '../support/harness';
import { openTicket, readTicket, ticketBody } from '../support/tickets';

describe('merging customers (real stack)', () => {
  let h: Harness;
  let opsKey: string;
  let agentKey: string;
  let phoneSeq = 0;

  const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
  const merge = (survivor: string, sourceId: string, key = opsKey) => request(h.app).post(`/api/customers/${survivor}/merge`).set(auth(key)).send({ sourceId, reason: 'same person' });
  const undo = (survivor: string, mergeId: string) => request(h.app).post(`/api/customers/${survivor}/merges/${mergeId}/undo`).set(auth(opsKey)).send();
  const customerOf = async (ticketId: string) => (await readTicket(ticketId)).customerId;

  /** A customer by e-mail with `tickets` tickets, and another by phone alone: two records of one person. */
  async function twoRecords(tickets = 1): Promise<{ survivor: string; source: string; sourceTickets: string[]; phone: string }> {
    const email = `merge-${Date.now()}-${phoneSeq}@example.com`;
    const phone = `+49151123420${String(phoneSeq++).padStart(2, '0')}`;
    const survivor = await customerOf((await openTicket(h, ticketBody({}, { email }))).id);
    const sourceTickets: string[] = [];
    for (let i = 0; i < tickets; i += 1) sourceTickets.push((await openTicket(h, ticketBody({}, { email: undefined, phone }))).id);
    return { survivor, source: await customerOf(sourceTickets[0]!), sourceTickets, phone };
  }

  /** Everything a merge touches, as stored. */
  async function state(...ids: string[]) {
    return {
      customers: await CustomerModel.find({ _id: { $in: ids } }).sort({ _id: 1 }).lean(),
      identities: await CustomerIdentityModel.find({ customerId: { $in: ids } }).sort({ _id: 1 }).lean(),
      tickets: (await TicketModel.find({ customerId: { $in: ids } }, { customerId: 1 }).sort({ _id: 1 }).lean()).map((t) => [t._id, t.customerId]),
      suggestions: await MergeSuggestionModel.find({ customerIds: { $in: ids } }).sort({ _id: 1 }).lean(),
    };
  }

  beforeAll(async () => {
    h = await startHarness();
    ({ opsKey, agentKey } = await opsAndAgentKeys(h));
  }, 120_000);
  afterAll(async () => h?.stop());

  it('moves identities, tickets and suggestions to the survivor; the merged customer answers with mergedInto', async () => {
    const { survivor, source, sourceTickets, phone } = await twoRecords(2);
    await request(h.app).patch(`/api/customers/${source}`).set(auth(opsKey)).send({ name: 'Xavier Source', language: 'de', tags: ['vip-lead'] });
    const both = await openTicket(h, ticketBody({}, { email: (await CustomerModel.findById(survivor).lean())!.email, phone })); // records a suggestion
    const res = await merge(survivor, source);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ survivorId: survivor, sourceId: source, state: 'done', reason: 'same person', moved: { identities: [`phone:${phone}`], tickets: [...sourceTickets].sort() } });
    expect(res.body.taken).toEqual(expect.arrayContaining(['profile.name', 'profile.language', 'phone', 'tags']));
    const merged = await request(h.app).get(`/api/customers/${source}`).set(auth(opsKey));
    expect(merged.status).toBe(200);
    expect(merged.body.mergedInto).toBe(survivor);
    const view = (await request(h.app).get(`/api/customers/${survivor}`).set(auth(opsKey))).body;
    expect(view).toMatchObject({ name: 'Xavier Source', phone, tags: ['vip-lead'], openTickets: 4 });
    expect(view.identities.map((i: { id: string }) => i.id)).toContain(`phone:${phone}`);
    for (const t of [...sourceTickets, both.id]) expect(await customerOf(t)).toBe(survivor);
    expect(await MergeSuggestionModel.findOne({ customerIds: source }).lean()).toMatchObject({ status: 'merged', mergeId: res.body.id });
    // The next request with that phone finds the survivor.
    expect(await customerOf((await openTicket(h, ticketBody({}, { email: undefined, phone }))).id)).toBe(survivor);
    const found = (await request(h.app).get(`/api/customers?query=${encodeURIComponent(phone)}`).set(auth(opsKey))).body.items;
    expect(found.map((c: { id: string }) => c.id)).toEqual([survivor]);
  });

  it('refuses a merge into itself (422), of a merged customer (409), of unknown ones (404) and for agents (403)', async () => {
    const { survivor, source } = await twoRecords();
    expect((await merge(survivor, survivor)).status).toBe(422);
    expect((await merge(survivor, 'cus_noSuchCustomer0')).status).toBe(404);
    expect((await merge('cus_noSuchCustomer0', source)).status).toBe(404);
    expect((await merge(survivor, source, agentKey)).status).toBe(403);
    expect((await merge(survivor, source)).status).toBe(200);
    const again = await merge(survivor, source);
    expect([again.status, again.body.code]).toEqual([409, 'CUSTOMER_MERGED']);
    const into = await merge(source, survivor);
    expect([into.status, into.body.code]).toEqual([409, 'CUSTOMER_MERGED']);
    expect((await request(h.app).patch(`/api/customers/${source}`).set(auth(opsKey)).send({ tier: 'vip' })).status).toBe(409);
  });

  it('undoes a merge exactly: every identity, ticket, suggestion and survivor field as it was', async () => {
    const { survivor, source, phone } = await twoRecords(2);
    await request(h.app).patch(`/api/customers/${source}`).set(auth(opsKey)).send({ name: 'Before Merge', consent: { whatsapp: { granted: true, how: 'chat' } } });
    await openTicket(h, ticketBody({}, { email: (await CustomerModel.findById(survivor).lean())!.email, phone }));
    const before = await state(survivor, source);
    const merged = await merge(survivor, source);
    expect(merged.status).toBe(200);
    expect(await state(survivor, source)).not.toEqual(before);
    const res = await undo(survivor, merged.body.id);
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('undone');
    expect(await state(survivor, source)).toEqual(before);
    expect((await undo(survivor, merged.body.id)).status).toBe(409);
    expect((await undo(survivor, 'mrg_noSuchMerge00')).status).toBe(404);
  });

  it.each([
    ['a new ticket', async (survivor: string) => void (await openTicket(h, ticketBody({}, { email: (await CustomerModel.findById(survivor).lean())!.email })))],
    ['a profile change', async (survivor: string) => void (await request(h.app).patch(`/api/customers/${survivor}`).set(auth(opsKey)).send({ tier: 'premium' }))],
    ['a new identity', async (survivor: string) => void (await CustomerIdentityModel.create({ _id: `telegram:${Date.now()}`, kind: 'telegram', customerId: survivor, createdAt: new Date() }))],
  ])('refuses to undo after %s written to the survivor, and says why', async (what, write) => {
    const { survivor, source } = await twoRecords();
    const merged = await merge(survivor, source);
    await write(survivor);
    const res = await undo(survivor, merged.body.id);
    expect([res.status, res.body.code]).toEqual([409, 'UNDO_REFUSED']);
    expect(res.body.detail).toMatch(what === 'a profile change' ? /profile/ : what === 'a new ticket' ? /ticket/ : /identity/);
    expect((await CustomerModel.findById(source).lean())?.mergedInto).toBe(survivor);
  });

  it('finishes a merge that crashed halfway when it is asked again', async () => {
    const { survivor, source, sourceTickets, phone } = await twoRecords(2);
    const m = await beginMerge(survivor, source, { type: 'api_key', id: 'test' });
    await applyMergeStep(m, 'identities'); // then the process died
    expect(await CustomerIdentityModel.findById(`phone:${phone}`).lean()).toMatchObject({ customerId: survivor });
    const half = (await request(h.app).get(`/api/customers/${source}`).set(auth(opsKey))).body;
    expect(half).toMatchObject({ mergedInto: null, pendingMerge: m._id }); // not shown as merged
    expect((await request(h.app).patch(`/api/customers/${survivor}`).set(auth(opsKey)).send({ tier: 'vip' })).status).toBe(409);
    const res = await merge(survivor, source);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: m._id, state: 'done', moved: { tickets: [...sourceTickets].sort() } });
    for (const t of sourceTickets) expect(await customerOf(t)).toBe(survivor);
    expect(await CustomerModel.findById(source).lean()).toMatchObject({ mergedInto: survivor });
    expect((await CustomerModel.findById(survivor).lean())?.pendingMerge).toBeUndefined();
  });
});
