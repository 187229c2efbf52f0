import request from 'supertest';
import { ALWAYS, TEST_REGION } from '../support/test-config';
import { startHarness, type Harness } from '../support/harness';
import { waitForMail } from '../support/smtp';
import { act, eventsOf, eventWhen, openTicket, ticketBody, ticketWhen } from '../support/tickets';

const OPS = 'ops-desk@staff.test';
const TARGETS = { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 600 };

describe('missing configuration never leaves a ticket silently stuck', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { OPS_ALERT_EMAIL: OPS } });
  });
  afterAll(async () => h?.stop());

  const put = (path: string, body: object) => request(h.app).put(path).set('Authorization', `Bearer ${h.adminKey}`).send(body);

  it('marks the ticket needs_attention and tells ops, counts a reply given meanwhile, and resumes when ops add the missing SLA policy', async () => {
    await put('/api/regions/moon-base', { ...TEST_REGION, id: 'moon-base', name: 'Moon base' }).expect(201);
    const opened = await openTicket(h, ticketBody({}, { regionId: 'moon-base' }));

    const stuck = await ticketWhen(opened.id, (t) => t.status === 'needs_attention');
    expect(stuck.attention?.reason).toMatch(/SLA policy for region moon-base/);
    const event = await eventWhen(opened.id, 'ticket.needs_attention');
    expect(event.data.reason).toMatch(/SLA policy/);
    const alert = await waitForMail(h.smtp, (m) => m.envelope.to.includes(OPS) && m.raw.includes(opened.id), 15_000);
    expect(alert.raw).toMatch(/needs attention/);
    const staffView = await request(h.app).get(`/api/tickets/${opened.id}`).set('Authorization', `Bearer ${h.adminKey}`).expect(200);
    expect(staffView.body.status).toBe('needs_attention');
    expect((await request(h.app).get(`/api/track/${opened.queryCode}`).expect(200)).body.status).toBe('needs_attention');

    // Staff may answer the customer before triage could finish: that answer is the first response.
    await act(h, opened.id, 'replies', { body: 'We got your message and are on it.' }).expect(200);
    const repliedAt = (await eventWhen(opened.id, 'message.agent')).at.getTime();

    await put('/api/sla-policies/moon-policy', {
      id: 'moon-policy',
      name: 'Moon',
      regionId: 'moon-base',
      targets: { low: TARGETS, normal: TARGETS, high: TARGETS, urgent: TARGETS },
    }).expect(201);
    // Woken by the configuration change (the backoff timer alone would take a minute).
    const resumed = await ticketWhen(opened.id, (t) => t.status === 'assigned', 15_000);
    expect(resumed.attention).toBeNull();
    expect(resumed.slaPolicyId).toBe('moon-policy');
    expect(resumed.sla.firstResponse).toMatchObject({ status: 'met', metAtMs: repliedAt, breachedAtMs: null });
    const types = (await eventsOf(opened.id)).map((e) => e.type);
    expect(types.filter((t) => t === 'ticket.needs_attention')).toHaveLength(1);
    expect(types.indexOf('ticket.attention_resolved')).toBeGreaterThan(types.indexOf('message.agent'));
    expect(types.indexOf('ticket.attention_resolved')).toBeLessThan(types.indexOf('ticket.triaged'));
    const met = (await eventsOf(opened.id)).find((e) => e.type === 'sla.met' && e.data.clock === 'firstResponse');
    expect(met?.data.metAtMs).toBe(repliedAt);
  });

  it('waits in needs_attention when the department of a process step is missing, and routes the task once it exists', async () => {
    await put('/api/departments/billing', {
      id: 'billing',
      name: 'Billing',
      members: [{ id: 'bea', name: 'Bea', email: 'bea@staff.test', languages: ['en'], shift: { timeZone: 'UTC', weeklyHours: ALWAYS } }],
    }).expect(201);
    await request(h.app)
      .post('/api/processes')
      .set('Authorization', `Bearer ${h.adminKey}`)
      .send({ id: 'billing-flow', name: 'Billing', steps: [{ id: 'check', type: 'task', title: 'Check the invoice', departmentId: 'billing' }] })
      .expect(201);
    // The department disappears from the database behind the API's back (a restore gone wrong, a DBA's mistake).
    const { DepartmentModel } = await import('../../models/department.model');
    await DepartmentModel.deleteOne({ _id: 'billing' });
    const rules = await request(h.app).get('/api/triage-rules').set('Authorization', `Bearer ${h.adminKey}`).expect(200);
    const { version: _v, updatedAt: _u, ...current } = rules.body;
    await put('/api/triage-rules', {
      ...current,
      categories: [...current.categories, { id: 'billing', name: 'Billing', processId: 'billing-flow', keywords: { '*': ['invoice'] }, patterns: [], minPriority: 'normal' }],
    }).expect(200);

    const opened = await openTicket(h, ticketBody({ subject: 'Wrong invoice', description: 'My invoice shows the wrong amount.' }));
    const stuck = await ticketWhen(opened.id, (t) => t.status === 'needs_attention');
    expect(stuck.attention?.reason).toMatch(/department billing/);
    expect(stuck.categoryId).toBe('billing');

    await put('/api/departments/billing', {
      id: 'billing',
      name: 'Billing',
      members: [{ id: 'bea', name: 'Bea', email: 'bea@staff.test', languages: ['en'], shift: { timeZone: 'UTC', weeklyHours: ALWAYS } }],
    }).expect(201);
    const routed = await ticketWhen(opened.id, (t) => t.status === 'assigned', 15_000);
    expect(routed.task).toMatchObject({ departmentId: 'billing', assigneeId: 'bea' });
  });
});
