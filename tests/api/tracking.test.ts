import { randomBytes, randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { DateTime } from 'luxon';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createApiKey } from '../../api/middleware/auth';
import { ticketRouters } from '../../api/ticket-routers';
import { loadConfig, type Config } from '../../config/config';
import { captureLogger } from '../support/log-capture';
import { encodeQueryCode } from '../../domain/query-code';
import { startWorker } from '../../worker/worker';
import { startHarness, testEnv, workflowBundle, type Harness } from '../support/harness';
import { readTicket, ticketBody, ticketWhen, type OpenedTicket } from '../support/tickets';


/** The app as the harness builds it, but logging into `logs`. */
function appWith(h: Harness, config: Config, logs: string[]): Express {
  const logger = captureLogger(logs, 'debug');
  const routers = ticketRouters({ config, temporal: h.client }).map((router) => ({ path: '/', router }));
  return createApp({ config, logger, temporal: h.client, extraRouters: routers });
}

/** Ways a customer may type or read out their code (lower case, spaces, no dashes, no prefix, O for 0, I and L for 1). */
function spellings(code: string): string[] {
  const body = code.slice('MRD-'.length);
  const lookalikes = code.replace(/0/g, 'O').replace(/1/g, 'l');
  return [code, code.toLowerCase(), body.replace(/-/g, ''), `mrd ${body.replace(/-/g, ' ')}`, ` ${code.replace(/-/g, '\u2013')} `, lookalikes.toLowerCase()];
}

describe('tracking a ticket with its query code (GET/POST /api/track/{code})', () => {
  let h: Harness;
  let app: Express;
  const logs: string[] = [];
  beforeAll(async () => {
    h = await startHarness({ worker: false });
    app = appWith(h, h.config, logs);
    // The worker logs into the same capture, so the personal-data check below covers activities too.
    h.worker = await startWorker(h.config, captureLogger(logs, 'debug'), { workflowBundle: await workflowBundle(), databaseConnected: true });
  });
  afterAll(async () => h?.stop());

  const open = async (body: object = ticketBody()): Promise<OpenedTicket> => {
    const res = await request(app).post('/api/tickets').set('Idempotency-Key', randomUUID()).send(body).expect(201);
    return res.body as OpenedTicket;
  };
  const track = (code: string, target: Express = app) => request(target).get(`/api/track/${encodeURIComponent(code)}`);
  const staff = (id: string, action: string, body: object, key = h.adminKey) =>
    request(app).post(`/api/tickets/${id}/${action}`).set('Authorization', `Bearer ${key}`).send(body);
  const customerReply = (code: string, body: string, key?: string) => {
    const req = request(app).post(`/api/track/${encodeURIComponent(code)}/messages`);
    return (key ? req.set('Idempotency-Key', key) : req).send({ body });
  };

  it('finds the ticket however the customer spells the code', async () => {
    // Only codes with a 0 or 1 have lookalike letters; roughly half of them do.
    let opened = await open();
    for (let i = 0; i < 20 && !/[01]/.test(opened.queryCode); i++) opened = await open();
    expect(opened.queryCode).toMatch(/[01]/);
    await ticketWhen(opened.id, (t) => t.status === 'assigned');
    for (const spelling of spellings(opened.queryCode)) {
      const res = await track(spelling);
      expect({ spelling, status: res.status }).toEqual({ spelling, status: 200 });
      expect(res.body.subject).toBe('Where is my order?');
    }
  });

  it('shows stages, the current step, public messages and the next update in the customer’s own time zone, never internals', async () => {
    const body = ticketBody({}, { timeZone: 'Asia/Kathmandu' });
    const opened = await open(body);
    const assigned = await ticketWhen(opened.id, (t) => t.status === 'assigned');
    const { key: aliceKey } = await createApiKey({ name: 'alice', role: 'agent', departmentIds: ['support'], memberId: 'alice' }, h.config.secret);
    await staff(opened.id, 'claim', { taskId: assigned.task!.taskId }, aliceKey).expect(200);
    await staff(opened.id, 'notes', { body: 'Customer sounds upset; offer at most 20 EUR.' }, aliceKey).expect(200);
    await staff(opened.id, 'replies', { body: 'Your parcel is on its way and arrives tomorrow.' }, aliceKey).expect(200);

    const res = await track(opened.queryCode).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const ticket = await readTicket(opened.id);
    expect(res.body).toMatchObject({
      subject: body.subject,
      status: 'assigned',
      waitingOnYou: false,
      currentStep: { title: 'Answer the customer' },
      stages: [
        { stage: 'received', state: 'done' },
        { stage: 'in_progress', state: 'current' },
        { stage: 'resolved', state: 'upcoming', at: null },
        { stage: 'closed', state: 'upcoming', at: null },
      ],
      messages: [{ from: 'support', body: 'Your parcel is on its way and arrives tomorrow.' }],
    });
    expect(ticket.nextUpdateDueAtMs).not.toBeNull();
    expect(res.body.nextUpdateDue).toMatchObject({ timeZone: 'Asia/Kathmandu', at: expect.stringMatching(/\+05:45$/) });
    expect(DateTime.fromISO(res.body.nextUpdateDue.at).toMillis()).toBe(ticket.nextUpdateDueAtMs);
    expect(res.body.messages[0].at.at).toMatch(/\+05:45$/);

    const text = JSON.stringify(res.body);
    for (const secret of ['offer at most', 'alice', 'Alice Agent', 'alice@staff.test', 'bruno', 'lena', body.customer.email, opened.id, 'note.internal', 'task.claimed', 'ticket.triaged', 'member', 'actor', 'support@', 'departmentId']) {
      expect({ secret, found: text.toLowerCase().includes(secret.toLowerCase()) }).toEqual({ secret, found: false });
    }
  });

  it('answers an unknown code with a 404 problem and a malformed one with 400', async () => {
    const unknown = await track(encodeQueryCode(randomBytes(8))).expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.body).toMatchObject({ status: 404, code: 'QUERY_CODE_NOT_FOUND' });
    for (const malformed of ['MRD-1234', 'MRD-UUUU-UUUU-UUUU', 'XYZ-7K3Q-9XZP-4F2M', 'x'.repeat(80)]) {
      const res = await track(malformed);
      expect({ malformed, status: res.status, code: res.body.code }).toEqual({ malformed, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.errors[0].pointer).toBe('/params/code');
    }
    const reply = await customerReply(encodeQueryCode(randomBytes(8)), 'hello?').expect(404);
    expect(reply.body.code).toBe('QUERY_CODE_NOT_FOUND');
  });

  it('lets the customer answer a question: the reply shows as their message and the ticket stops waiting on them', async () => {
    const opened = await open();
    await ticketWhen(opened.id, (t) => t.status === 'assigned');
    await staff(opened.id, 'info-requests', { body: 'Could you send us your order number?' }).expect(200);
    const waiting = await track(opened.queryCode).expect(200);
    expect(waiting.body).toMatchObject({ status: 'waiting_customer', waitingOnYou: true, nextUpdateDue: null });

    const key = randomUUID();
    const sent = await customerReply(opened.queryCode.toLowerCase(), 'It is order 4711.', key).expect(201);
    expect(sent.body).toEqual({ status: 'assigned' });
    await customerReply(opened.queryCode, 'It is order 4711.', key).expect(201); // a retried send is not a second message

    const after = await track(opened.queryCode).expect(200);
    expect(after.body).toMatchObject({ status: 'assigned', waitingOnYou: false });
    expect(after.body.nextUpdateDue).not.toBeNull();
    expect(after.body.messages.map((m: { from: string; body: string }) => [m.from, m.body])).toEqual([
      ['support', 'Could you send us your order number?'],
      ['you', 'It is order 4711.'],
    ]);
    expect((await readTicket(opened.id)).sla.resolution?.status).toBe('running');
  });

  it('refuses lookups beyond the configured rate with 429 and Retry-After, even with a forged X-Forwarded-For', async () => {
    const config = loadConfig({ ...process.env, ...testEnv(h.db, h.smtp), TEMPORAL_TASK_QUEUE: h.config.temporal.taskQueue, TRACK_RATE_LIMIT_PER_MINUTE: '5' });
    const limited = appWith(h, config, []);
    const code = encodeQueryCode(randomBytes(8));
    for (let i = 0; i < 5; i++) await track(code, limited).expect(404);
    const refused = await track(code, limited).set('X-Forwarded-For', '203.0.113.9').expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    const reply = await request(limited).post(`/api/track/${code}/messages`).send({ body: 'hello' }).expect(429);
    expect(reply.body.code).toBe('TOO_MANY_REQUESTS');
  });

  it('never writes the customer’s e-mail, name, messages or query code to the logs', async () => {
    logs.length = 0;
    const email = `zelda-${randomUUID().slice(0, 8)}@private.example`;
    const body = ticketBody({ description: 'My neighbour Quentin Marbleford keeps stealing my parcels.' }, { name: 'Zelda Quartermaine', email, phone: '+4917612345678' });
    const opened = await open(body);
    await ticketWhen(opened.id, (t) => t.status === 'assigned');
    await track(opened.queryCode.toLowerCase()).expect(200);
    await staff(opened.id, 'replies', { body: 'Sorry to hear that, Zelda. We are checking with the courier.' }).expect(200);
    await customerReply(opened.queryCode, 'Thank you, my flat is number 17b in Quillfeather Court.').expect(201);
    await staff(opened.id, 'notes', { body: 'Suspect Marbleford is right, call the courier.' }).expect(200);

    const lines = logs.map((l) => JSON.parse(l) as { msg: string; route?: string });
    expect(lines.filter((l) => l.msg === 'request completed').map((l) => l.route)).toEqual(
      expect.arrayContaining(['/api/tickets', '/api/track/:code', '/api/tickets/:id/replies', '/api/track/:code/messages']),
    );
    expect(lines.some((l) => l.msg === 'ticket planned')).toBe(true);
    const text = logs.join('\n').toLowerCase();
    expect(text).toContain(opened.id.toLowerCase()); // the lines do follow this very ticket
    const compactCode = opened.queryCode.replace(/-/g, '');
    for (const personal of [email, 'zelda', 'quartermaine', 'marbleford', 'quillfeather', '4917612345678', 'courier', opened.queryCode, compactCode]) {
      expect({ personal, logged: text.includes(personal.toLowerCase()) }).toEqual({ personal, logged: false });
    }
  });
});
