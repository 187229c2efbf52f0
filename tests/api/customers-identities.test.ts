/**
 * Identities at intake on the real stack: addresses and numbers are stored in one spelling, a number outside its
 * country's plan is refused with a pointer, and a request naming identities of two customers records a merge
 * suggestion (never a merge) that ops list page by page.
 */
import request from 'supertest';
import { CustomerIdentityModel } from '../../models/customer-identity.model';
import { CustomerModel } from '../../models/customer.model';
import { MergeSuggestionModel } from '../../models/merge-suggestion.model';
import { opsAndAgentKeys } from '../support/staff-keys';
import { startHarness, type Harness } from '../support/harness';
import { openTicket, readTicket, ticketBody } from '../support/tickets';

describe('customer identities at intake (real stack)', () => {
  let h: Harness;
  let opsKey: string;
  let agentKey: string;
  beforeAll(async () => {
    h = await startHarness();
    ({ opsKey, agentKey } = await opsAndAgentKeys(h));
  }, 120_000);
  afterAll(async () => h?.stop());

  const customerOf = async (ticketId: string) => (await readTicket(ticketId)).customerId;
  const suggestions = (key: string, query = '') => request(h.app).get(`/api/customers/merge-suggestions${query}`).set('Authorization', `Bearer ${key}`);

  it('stores an e-mail address lower-cased and finds the customer by it however it was typed', async () => {
    const first = await openTicket(h, ticketBody({}, { email: 'Ana.Lima@Example.ORG' }));
    const again = await openTicket(h, ticketBody({}, { email: 'ana.lima@example.org' }));
    const id = await customerOf(first.id);
    expect(await customerOf(again.id)).toBe(id);
    expect(await CustomerIdentityModel.findById('email:ana.lima@example.org').lean()).toMatchObject({ customerId: id, kind: 'email' });
    expect((await CustomerModel.findById(id).lean())?.email).toBe('ana.lima@example.org');
  });

  it('refuses a well-formed number that is no phone number in its country with 422 and a pointer', async () => {
    const res = await request(h.app).post('/api/tickets').send(ticketBody({}, { phone: '+10005550100' }));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'INVALID_IDENTITY', errors: [{ pointer: '/body/customer/phone' }] });
    const malformed = await request(h.app).post('/api/tickets').send(ticketBody({}, { phone: '+49 30 123456' }));
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ pointer: '/body/customer/phone' })]);
  });

  it('records a suggestion when a request names identities of two customers, and merges nothing', async () => {
    const byPhone = await customerOf((await openTicket(h, ticketBody({}, { email: undefined, phone: '+4915112340001' }))).id);
    const byEmail = await customerOf((await openTicket(h, ticketBody({}, { email: 'bo@example.net' }))).id);
    // The e-mail finds its customer; the phone stays with the customer who holds it.
    const both = await openTicket(h, ticketBody({}, { email: 'bo@example.net', phone: '+4915112340001' }));
    expect(await customerOf(both.id)).toBe(byEmail);
    expect(await CustomerIdentityModel.findById('phone:+4915112340001').lean()).toMatchObject({ customerId: byPhone });
    await openTicket(h, ticketBody({}, { email: 'bo@example.net', phone: '+4915112340001' })); // seen again
    const [a, b] = [byPhone, byEmail].sort();
    const res = await suggestions(opsKey);
    expect(res.status).toBe(200);
    expect(res.body.items.find((s: { id: string }) => s.id === `${a}|${b}`)).toEqual({
      id: `${a}|${b}`,
      customers: [
        { id: a, identities: a === byEmail ? ['email:bo@example.net'] : ['phone:+4915112340001'] },
        { id: b, identities: b === byEmail ? ['email:bo@example.net'] : ['phone:+4915112340001'] },
      ],
      sightings: 2,
      firstSeenAt: expect.any(String),
      lastSeenAt: expect.any(String),
      status: 'open',
      mergeId: null,
    });
    expect(await CustomerModel.countDocuments({ _id: { $in: [a, b] }, mergedInto: { $exists: true } })).toBe(0);
  });

  it('lists suggestions newest first for ops, page by page, each once; agents may not', async () => {
    for (let i = 0; i < 4; i += 1) {
      const phone = `+491511234100${i}`;
      await openTicket(h, ticketBody({}, { email: undefined, phone }));
      await openTicket(h, ticketBody({}, { phone }));
    }
    const all = await MergeSuggestionModel.find({ status: 'open' }).sort({ firstSeenAt: -1, _id: -1 }).lean();
    expect(all.length).toBeGreaterThanOrEqual(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await suggestions(opsKey, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((s: { id: string }) => s.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((s) => s._id));
    expect((await suggestions(agentKey)).status).toBe(403);
    expect((await suggestions(opsKey, '?cursor=nonsense')).status).toBe(400);
  });
});
