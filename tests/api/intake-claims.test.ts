import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { CustomerModel } from '../../models/customer.model';
import { saveRegion } from '../../models/region.model';
import { saveSlaPolicy } from '../../models/sla-policy.model';
import { TicketModel } from '../../models/ticket.model';
import { updateVerifiedProfile } from '../../services/customers/verified-profile';
import { eventually, startHarness, type Harness } from '../support/harness';
import { mailHeader, mailText, waitForMail } from '../support/smtp';
import { TEST_REGION } from '../support/test-config';
import { openTicket, readTicket, ticketBody, ticketWhen } from '../support/tickets';

/** Text with no word any language is told by: triage's language comes from its hint alone. */
const NO_LANGUAGE_EVIDENCE = { subject: 'Ticket 4711', description: '4711 / 4712 ???' };

/** Public intake is anonymous: what it says about the writer stays on its ticket; tier and profile are staff's. */
describe('what an anonymous intake request may decide', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    // A second region with its own zone and language, to tell its defaults from anything a request says.
    await saveRegion({ ...TEST_REGION, id: 'test-kolkata', calendar: { ...TEST_REGION.calendar, timeZone: 'Asia/Kolkata' }, defaultLanguage: 'hi' }, { actor: 'test' });
    const targets = { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 600 };
    await saveSlaPolicy(
      { id: 'kolkata-policy', name: 'Kolkata', regionId: 'test-kolkata', targets: { low: targets, normal: targets, high: targets, urgent: targets }, warningAtPercent: 80, escalationLadder: [], reopenWindowMinutes: 60 },
      { actor: 'test' },
    );
  });
  afterAll(async () => h?.stop());

  const customerOf = async (ticketId: string) => CustomerModel.findById((await readTicket(ticketId)).customerId).lean();
  const receivedAt = async (code: string) => {
    const res = await request(h.app).get(`/api/track/${code}`).expect(200);
    return res.body.stages[0].at as { at: string; timeZone: string };
  };

  it('refuses a tier in the public body with a 400 that names it, and stores nothing', async () => {
    const body = ticketBody({}, { tier: 'vip' });
    const res = await request(h.app).post('/api/tickets').set('Idempotency-Key', randomUUID()).send(body).expect(400);
    expect(res.body.errors).toEqual([{ pointer: '/body/customer', message: expect.stringContaining('"tier"') }]);
    expect(await CustomerModel.countDocuments({ email: body.customer.email })).toBe(0);
  });

  it('takes the tier from the customer record staff keep: new customers are standard, a vip gets at least high priority', async () => {
    const email = `vip-${randomUUID().slice(0, 8)}@example.test`;
    const first = await openTicket(h, ticketBody({}, { email }));
    expect((await ticketWhen(first.id, (t) => t.status === 'assigned')).priority).toBe('normal');
    expect((await customerOf(first.id))?.tier).toBe('standard');

    await CustomerModel.updateOne({ email }, { $set: { tier: 'vip' } }); // what staff set in the CRM record
    const second = await openTicket(h, ticketBody({ subject: 'Another question' }, { email }));
    expect((await ticketWhen(second.id, (t) => t.status === 'assigned')).priority).toBe('high');
  });

  it('keeps each request’s name, language and time zone on its own ticket and leaves the customer unchanged', async () => {
    const email = `claims-${randomUUID().slice(0, 8)}@example.test`;
    const first = await openTicket(h, ticketBody(NO_LANGUAGE_EVIDENCE, { email, name: 'Ana Souza', language: 'pt-BR', timeZone: 'America/Sao_Paulo' }));
    const customerBefore = await customerOf(first.id);
    const second = await openTicket(h, ticketBody(NO_LANGUAGE_EVIDENCE, { email, name: 'Mallory', language: 'de', timeZone: 'Asia/Kathmandu' }));

    expect(await customerOf(second.id)).toEqual(customerBefore);
    expect(customerBefore).not.toHaveProperty('profile');
    expect(JSON.stringify(customerBefore)).not.toMatch(/Ana|Mallory|Sao_Paulo|Kathmandu|pt-BR/);
    expect((await readTicket(first.id)).contact).toEqual({ name: 'Ana Souza', language: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    expect((await readTicket(second.id)).contact).toEqual({ name: 'Mallory', language: 'de', timeZone: 'Asia/Kathmandu' });

    // Each ticket is tracked in its own request's zone, and triaged with its own request's language as the hint.
    expect(await receivedAt(first.queryCode)).toMatchObject({ timeZone: 'America/Sao_Paulo', at: expect.stringMatching(/-03:00$/) });
    expect(await receivedAt(second.queryCode)).toMatchObject({ timeZone: 'Asia/Kathmandu', at: expect.stringMatching(/\+05:45$/) });
    expect((await ticketWhen(first.id, (t) => t.status === 'assigned')).language).toBe('pt');
    expect((await ticketWhen(second.id, (t) => t.status === 'assigned')).language).toBe('de');
    // Each acknowledgement greets whoever wrote that request, in the language that request asked for.
    const acknowledgementOf = (code: string) => waitForMail(h.smtp, (m) => (mailHeader(m, 'subject') ?? '').includes(code), 20_000);
    expect(mailText(await acknowledgementOf(first.queryCode))).toContain('Olá, Ana Souza,');
    expect(mailText(await acknowledgementOf(second.queryCode))).toContain('Hallo Mallory,');
  });

  it('prefers what staff verified over any request’s claim, and the region’s defaults when nobody said', async () => {
    const email = `verified-${randomUUID().slice(0, 8)}@example.test`;
    const unsaid = await openTicket(h, ticketBody(NO_LANGUAGE_EVIDENCE, { email, regionId: 'test-kolkata' }));
    expect(await receivedAt(unsaid.queryCode)).toMatchObject({ timeZone: 'Asia/Kolkata', at: expect.stringMatching(/\+05:30$/) });
    expect((await ticketWhen(unsaid.id, (t) => t.status === 'assigned')).language).toBe('hi');

    const claimed = await openTicket(h, ticketBody(NO_LANGUAGE_EVIDENCE, { email, regionId: 'test-kolkata', timeZone: 'Asia/Kathmandu' }));
    const customerId = (await readTicket(claimed.id)).customerId;
    const verified = { name: 'Verified Name', timeZone: 'Europe/Berlin', language: 'fr', regionId: 'test-kolkata' };
    expect(await updateVerifiedProfile(customerId, verified, 'staff')).toBe(true);
    // Tracking shows profile-derived defaults up to 10 s late (README, tracking cache): wait past that bound.
    for (const { queryCode } of [unsaid, claimed]) await eventually(async () => (await receivedAt(queryCode)).timeZone === 'Europe/Berlin', 15_000, 500);

    // This request names another region and language: the verified ones decide its SLA policy and triage hint.
    const later = await openTicket(h, ticketBody(NO_LANGUAGE_EVIDENCE, { email, regionId: 'test-utc', language: 'de', name: 'Someone Else' }));
    expect(await ticketWhen(later.id, (t) => t.status === 'assigned')).toMatchObject({ language: 'fr', regionId: 'test-kolkata', slaPolicyId: 'kolkata-policy' });
    const staff = await request(h.app).get(`/api/tickets/${later.id}`).set('Authorization', `Bearer ${h.adminKey}`).expect(200);
    expect(staff.body.contact).toEqual({ name: 'Someone Else', language: 'de', timeZone: null });
    expect(staff.body.customer.profile).toMatchObject({ name: 'Verified Name', timeZone: 'Europe/Berlin', language: 'fr', regionId: 'test-kolkata', source: 'staff' });
  });

  it('tracks a ticket opened before claims were kept on tickets in the zone its customer was then stored with', async () => {
    const opened = await openTicket(h, ticketBody({}, { timeZone: 'Asia/Tokyo' }));
    // Its workflow's first writes done: FerretDB applies an update as read-then-write of the whole document, so an event
    // write still in flight could otherwise put back what the test removes.
    const { customerId } = await ticketWhen(opened.id, (t) => t.status === 'assigned');
    // How such a ticket and its customer look in a database written by the earlier intake.
    await TicketModel.updateOne({ _id: opened.id }, { $unset: { contact: 1 } });
    await CustomerModel.updateOne({ _id: customerId }, { $set: { name: 'Clara Customer', timeZone: 'America/New_York', language: 'en' } });
    expect((await receivedAt(opened.queryCode)).timeZone).toBe('America/New_York');
  });
});
