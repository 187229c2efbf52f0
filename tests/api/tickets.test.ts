import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ticketWorkflowId } from '../../domain/ticket';
import { CustomerIdentityModel } from '../../models/customer-identity.model';
import { CustomerModel } from '../../models/customer.model';
import { IntakeRequestModel } from '../../models/intake-request.model';
import { TicketModel } from '../../models/ticket.model';
import { eventually, startHarness, type Harness } from '../support/harness';
import { ticketBody, ticketWhen } from '../support/tickets';

/** Intake over HTTP: idempotency, one customer per e-mail, the staff view, and every way to get intake wrong. */
describe('POST /api/tickets and GET /api/tickets/{id}', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  const postTo = (key: string | null = randomUUID()) => {
    const req = request(h.app).post('/api/tickets');
    return key === null ? req : req.set('Idempotency-Key', key);
  };
  const post = (body: object, key: string | null = randomUUID()) => postTo(key).send(body);
  /** The customers and tickets stored for an address once `count` tickets are (each workflow's first step writes its own). */
  const ticketsOf = (email: string, count = 1) =>
    eventually(async () => {
      const customers = await CustomerModel.find({ email }).lean();
      const tickets = await TicketModel.find({ customerId: { $in: customers.map((c) => c._id) } }).lean();
      return tickets.length >= count && { customers, tickets };
    });
  /** Run ids of the ticket's workflow as Temporal lists them (visibility lags a little behind the start). */
  const workflowRuns = (ticketId: string) =>
    eventually(async () => {
      const runs: string[] = [];
      for await (const wf of h.client.workflow.list({ query: `WorkflowId = '${ticketWorkflowId(ticketId)}'` })) runs.push(wf.runId);
      return runs.length > 0 && runs;
    });

  describe('idempotent intake', () => {
    it('answers a repeated request with the same ticket and query code, marked as a replay, and opens only one', async () => {
      const body = ticketBody();
      const key = randomUUID();
      const first = await post(body, key).expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(first.headers.location).toBe(`/api/tickets/${first.body.id}`);
      expect(first.body).toEqual({
        id: expect.stringMatching(/^tkt_/),
        queryCode: expect.stringMatching(/^MRD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
        status: 'new',
        trackingUrl: `http://meridian.test/api/track/${first.body.queryCode}`,
      });
      const firstRun = (await h.client.workflow.getHandle(ticketWorkflowId(first.body.id)).describe()).runId;

      const second = await post(body, key).expect(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body.id).toBe(first.body.id);
      expect(second.body.queryCode).toBe(first.body.queryCode);

      const described = await h.client.workflow.getHandle(ticketWorkflowId(first.body.id)).describe();
      expect(described.runId).toBe(firstRun);
      expect(described.status.name).toBe('RUNNING');
      expect(await workflowRuns(first.body.id)).toEqual([firstRun]);
      const { customers, tickets } = await ticketsOf(body.customer.email);
      expect(customers).toHaveLength(1);
      expect(tickets.map((t) => t._id)).toEqual([first.body.id]);
    });

    it('opens exactly one ticket when five requests with one key arrive at the same time', async () => {
      const body = ticketBody();
      const key = randomUUID();
      const responses = await Promise.all(Array.from({ length: 5 }, () => post(body, key)));
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(new Set(responses.map((r) => r.body.queryCode)).size).toBe(1);
      expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
      const { customers, tickets } = await ticketsOf(body.customer.email);
      expect(customers).toHaveLength(1);
      expect(tickets).toHaveLength(1);
      expect(await IntakeRequestModel.countDocuments({ ticketId: responses[0]!.body.id })).toBe(1);
      expect(await workflowRuns(responses[0]!.body.id)).toHaveLength(1);
    });

    it('refuses the same key with a different body (422) and leaves the first ticket as it was', async () => {
      const body = ticketBody();
      const key = randomUUID();
      const first = await post(body, key).expect(201);
      const res = await post({ ...body, subject: 'Something else entirely' }, key).expect(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
      const { tickets } = await ticketsOf(body.customer.email);
      expect(tickets.map((t) => [t._id, t.subject])).toEqual([[first.body.id, body.subject]]);
    });

    it('keeps one customer for two tickets from the same e-mail address, whatever its case', async () => {
      const body = ticketBody();
      const a = await post(body).expect(201);
      const b = await post(ticketBody({ subject: 'A second question' }, { email: body.customer.email.toUpperCase() })).expect(201);
      expect(b.body.id).not.toBe(a.body.id);
      expect(b.body.queryCode).not.toBe(a.body.queryCode);
      const { customers, tickets } = await ticketsOf(body.customer.email, 2);
      expect(customers).toHaveLength(1);
      expect(tickets.map((t) => t._id).sort()).toEqual([a.body.id, b.body.id].sort());
    });

    it('opens a ticket without an Idempotency-Key, and a second one when the request is sent again', async () => {
      const body = ticketBody();
      const a = await post(body, null).expect(201);
      const b = await post(body, null).expect(201);
      expect(b.body.id).not.toBe(a.body.id);
      expect((await ticketsOf(body.customer.email, 2)).tickets).toHaveLength(2);
    });
  });

  describe('staff view', () => {
    it('shows an admin the triaged ticket with its customer, task and timeline', async () => {
      const body = ticketBody({}, { phone: '+4930123456', timeZone: 'Europe/Berlin', language: 'de' });
      const { body: opened } = await post(body).expect(201);
      await ticketWhen(opened.id, (t) => t.status === 'assigned');
      const res = await request(h.app).get(`/api/tickets/${opened.id}`).set('Authorization', `Bearer ${h.adminKey}`).expect(200);
      expect(res.body).toMatchObject({
        id: opened.id,
        subject: body.subject,
        status: 'assigned',
        regionId: 'test-utc',
        process: { id: 'general', version: 1 },
        task: { departmentId: 'support', title: 'Answer the customer', allowedOutcomes: ['done', 'escalate'] },
        contact: { name: 'Clara Customer', timeZone: 'Europe/Berlin', language: 'de' },
        customer: { email: body.customer.email, phone: '+4930123456', tier: 'standard', profile: null },
      });
      expect(res.body.timeline.map((e: { type: string }) => e.type).slice(0, 3)).toEqual(['ticket.created', 'ticket.triaged', 'task.created']);
    });

    it('answers 404 for a ticket id that does not exist and 400 for one that is not a ticket id', async () => {
      const auth = `Bearer ${h.adminKey}`;
      const missing = await request(h.app).get('/api/tickets/tkt_doesNotExist0000').set('Authorization', auth).expect(404);
      expect(missing.body.code).toBe('TICKET_NOT_FOUND');
      const bad = await request(h.app).get('/api/tickets/not-a-ticket').set('Authorization', auth).expect(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ pointer: '/params/id' }] });
    });
  });

  describe('bad input on intake', () => {
    const stored = async () => ({
      tickets: await TicketModel.countDocuments(),
      customers: await CustomerModel.countDocuments(),
      identities: await CustomerIdentityModel.countDocuments(),
      intakeRequests: await IntakeRequestModel.countDocuments(),
    });

    const cases: Array<{ title: string; send: () => request.Test; status: number; code: string; pointer?: string }> = [
      { title: 'an unknown region (422)', send: () => post(ticketBody({}, { regionId: 'atlantis' })), status: 422, code: 'UNKNOWN_REFERENCE', pointer: '/body/customer/regionId' },
      { title: 'a well-formed time zone that does not exist (422)', send: () => post(ticketBody({}, { timeZone: 'Mars/Olympus' })), status: 422, code: 'UNKNOWN_REFERENCE', pointer: '/body/customer/timeZone' },
      { title: 'a UTC offset instead of a time zone (400)', send: () => post(ticketBody({}, { timeZone: 'UTC+7' })), status: 400, code: 'VALIDATION_FAILED', pointer: '/body/customer/timeZone' },
      { title: 'a customer with neither e-mail nor phone (400)', send: () => post(ticketBody({}, { email: undefined })), status: 400, code: 'VALIDATION_FAILED', pointer: '/body/customer/email' },
      { title: 'a phone number that is not E.164 (400)', send: () => post(ticketBody({}, { email: undefined, phone: '030 123456' })), status: 400, code: 'VALIDATION_FAILED', pointer: '/body/customer/phone' },
      { title: 'a tier, which only staff set (400)', send: () => post(ticketBody({}, { tier: 'vip' })), status: 400, code: 'VALIDATION_FAILED', pointer: '/body/customer' },
      { title: 'a subject that is a number (400)', send: () => post(ticketBody({ subject: 42 })), status: 400, code: 'VALIDATION_FAILED', pointer: '/body/subject' },
      { title: 'an unknown field (400, strict)', send: () => post(ticketBody({ priority: 'urgent' })), status: 400, code: 'VALIDATION_FAILED', pointer: '/body' },
      { title: 'an unknown customer field (400, strict)', send: () => post(ticketBody({}, { vip: true })), status: 400, code: 'VALIDATION_FAILED', pointer: '/body/customer' },
      { title: 'a body over 64 kB (413)', send: () => post(ticketBody({ description: 'x'.repeat(70_000) })), status: 413, code: 'PAYLOAD_TOO_LARGE' },
      { title: 'malformed JSON (400)', send: () => postTo().set('Content-Type', 'application/json').send('{"subject": "unterminated'), status: 400, code: 'VALIDATION_FAILED' },
      { title: 'a form-encoded body (415)', send: () => postTo().type('form').send('subject=hello&description=world'), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      { title: 'an Idempotency-Key that is too short (400)', send: () => post(ticketBody(), 'short'), status: 400, code: 'VALIDATION_FAILED', pointer: '/headers/idempotency-key' },
    ];

    it.each(cases)('rejects $title with a problem document and stores nothing', async ({ send, status, code, pointer }) => {
      const before = await stored();
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status, code, instance: '/api/tickets' });
      if (pointer) expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
      expect(await stored()).toEqual(before);
    });
  });
});
