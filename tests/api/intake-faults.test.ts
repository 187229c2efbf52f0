import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import type { Express } from 'express';
import mongoose from 'mongoose';
import request from 'supertest';
import { createApp } from '../../api/app';
import { deriveQueryCode } from '../../services/query-codes/query-code-crypto';
import { ticketRouters } from '../../api/ticket-routers';
import { createLogger } from '../../config/logger';
import { ticketWorkflowId } from '../../domain/ticket';
import { CustomerIdentityModel } from '../../models/customer-identity.model';
import { CustomerModel } from '../../models/customer.model';
import { IntakeRequestModel } from '../../models/intake-request.model';
import { QueryCodeModel } from '../../models/query-code.model';
import { TicketModel } from '../../models/ticket.model';
import { startHarness, type Harness } from '../support/harness';
import { ticketBody, ticketWhen } from '../support/tickets';
import { waitForMail } from '../support/smtp';
import { completePendingIntakes } from '../../services/intake/complete-pending-intakes';
import { freePort } from '../../scripts/stack/free-port';

/** The HTTP app over `temporal`, otherwise as the harness builds it (same database, config and task queue). */
function appOver(h: Harness, temporal: Client): Express {
  const routers = ticketRouters({ config: h.config, temporal }).map((router) => ({ path: '/', router }));
  return createApp({ config: h.config, logger: createLogger({ level: 'silent' }), temporal, extraRouters: routers });
}

/** Intake when Temporal or the database fails: a 503 to retry with the same key, never a half-opened ticket. */
describe('intake while a backing service is down', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  const post = (app: Express, body: object, key: string) => request(app).post('/api/tickets').set('Idempotency-Key', key).send(body);
  const stored = async (email: string) => {
    const customers = await CustomerModel.find({ email }).lean();
    const tickets = await TicketModel.find({ customerId: { $in: customers.map((c) => c._id) } }).lean();
    return { customers, tickets };
  };
  /** How many runs Temporal lists for the ticket's workflow (visibility lags a little behind the start). */
  const workflowRunsOf = async (ticketId: string) => {
    let runs = 0;
    for await (const _wf of h.client.workflow.list({ query: `WorkflowId = '${ticketWorkflowId(ticketId)}'` })) runs += 1;
    return runs;
  };
  const expect503 = (res: request.Response) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
  };

  it('answers 503 with Retry-After while Temporal is unreachable; the retry with the same key opens the reserved ticket once', async () => {
    // No retry interceptor: every call fails at once instead of retrying for ~20 s (the SDK default).
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, interceptors: [] });
    const body = ticketBody();
    const key = randomUUID();
    try {
      const started = Date.now();
      expect503(await post(appOver(h, new Client({ connection, namespace: h.config.temporal.namespace })), body, key));
      expect(Date.now() - started).toBeLessThan(15_000); // a prompt answer, not a hang (loose: loaded CI)
    } finally {
      await connection.close();
    }

    // Only the request is reserved: no customer, no ticket, no query code, no workflow.
    const [reserved] = await IntakeRequestModel.find({ 'request.customer.email': body.customer.email }).lean();
    expect(reserved).toMatchObject({ request: { subject: body.subject } });
    expect(reserved!.admittedAt ?? null).toBeNull();
    expect(await stored(body.customer.email)).toEqual({ customers: [], tickets: [] });
    const reservedId = reserved!.ticketId;
    const staffView = await request(h.app).get(`/api/tickets/${reservedId}`).set('Authorization', `Bearer ${h.adminKey}`).expect(404);
    expect(staffView.body.code).toBe('TICKET_NOT_FOUND');
    // Its query code may already be indexed (beside the failed start; it was handed to nobody): it names the stored
    // request, which this retry or the sweeper turns into the ticket.
    await expect(h.client.workflow.getHandle(ticketWorkflowId(reservedId)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);

    const retried = await post(h.app, body, key).expect(201);
    expect(retried.body).toMatchObject({ id: reservedId, queryCode: deriveQueryCode(h.config.secret, reservedId) });
    await request(h.app).get(`/api/track/${retried.body.queryCode}`).expect(200); // at once, even before the workflow wrote it
    await ticketWhen(reservedId, () => true);
    const { customers, tickets } = await stored(body.customer.email);
    expect(customers).toHaveLength(1);
    expect(tickets.map((t) => [t._id, t.intake])).toEqual([[reservedId, 'started']]);
    expect(await IntakeRequestModel.countDocuments({ ticketId: reservedId })).toBe(1);
    await ticketWhen(reservedId, (t) => t.status === 'assigned');
    await request(h.app).get(`/api/track/${retried.body.queryCode}`).expect(200);
  });

  it('answers 503 quickly while the database is unreachable, stores nothing, and the retry succeeds once it is back', async () => {
    const body = ticketBody();
    const key = randomUUID();
    const count = async () => [await TicketModel.countDocuments(), await CustomerModel.countDocuments(), await CustomerIdentityModel.countDocuments(), await IntakeRequestModel.countDocuments()];
    const before = await count();
    const bufferTimeoutMS = mongoose.get('bufferTimeoutMS');
    mongoose.set('bufferTimeoutMS', 300); // queries wait this long for a connection, then fail
    await mongoose.disconnect();
    try {
      const started = Date.now();
      expect503(await post(h.app, body, key));
      expect503(await request(h.app).get('/api/track/MRD-0000-0000-0000'));
      expect503(await request(h.app).get('/api/departments/support/tasks').set('Authorization', `Bearer ${h.adminKey}`));
      expect(Date.now() - started).toBeLessThan(15_000); // a prompt answer, not a hang (loose: loaded CI)
    } finally {
      await mongoose.connect(h.db.uri);
      mongoose.set('bufferTimeoutMS', bufferTimeoutMS);
    }
    expect(await count()).toEqual(before);

    const opened = await post(h.app, body, key).expect(201);
    await ticketWhen(opened.body.id, (t) => t.status === 'assigned');
    const { customers, tickets } = await stored(body.customer.email);
    expect(customers).toHaveLength(1);
    expect(tickets.map((t) => t._id)).toEqual([opened.body.id]);
  });

  it('answers 503 when the database fails after the workflow started, and the retry answers with the same ticket once', async () => {
    const body = ticketBody();
    const key = randomUUID();
    // The connection drops right when the query code is indexed: the request is reserved and its workflow runs.
    const spy = jest.spyOn(QueryCodeModel, 'updateOne').mockImplementationOnce(() => {
      throw new mongoose.mongo.MongoNetworkError('connection 4 to 127.0.0.1:27017 closed');
    });
    try {
      expect503(await post(h.app, body, key));
    } finally {
      spy.mockRestore();
    }
    const opened = await post(h.app, body, key).expect(201);
    expect(opened.headers['idempotent-replayed']).toBe('true');
    await request(h.app).get(`/api/track/${opened.body.queryCode}`).expect(200);
    await ticketWhen(opened.body.id, (t) => t.status === 'assigned');
    const { customers, tickets } = await stored(body.customer.email);
    expect(customers).toHaveLength(1);
    expect(tickets.map((t) => [t._id, t.intake])).toEqual([[opened.body.id, 'started']]);
    expect(await workflowRunsOf(opened.body.id)).toBe(1);
  });

  it('completes an intake whose client never retried: the sweeper starts the ticket and the customer gets the code by mail', async () => {
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, interceptors: [] });
    const body = ticketBody();
    try {
      expect503(await post(appOver(h, new Client({ connection, namespace: h.config.temporal.namespace })), body, randomUUID()));
    } finally {
      await connection.close();
    }
    const [abandoned] = await IntakeRequestModel.find({ 'request.customer.email': body.customer.email }).lean();
    expect(abandoned!.admittedAt ?? null).toBeNull(); // the client gave up: nobody will retry this key

    // A fresh intake is left alone (its request may still be finishing); an abandoned one is completed.
    expect(await completePendingIntakes({ config: h.config, temporal: h.client }, abandoned!.createdAt)).toEqual([]);
    expect(await completePendingIntakes({ config: h.config, temporal: h.client }, new Date())).toEqual([abandoned!.ticketId]);
    await ticketWhen(abandoned!.ticketId, (t) => t.intake === 'started' && t.status === 'assigned');
    const code = deriveQueryCode(h.config.secret, abandoned!.ticketId);
    await waitForMail(h.smtp, (m) => m.envelope.to.includes(body.customer.email) && m.raw.includes(code), 15_000);
    await request(h.app).get(`/api/track/${code}`).expect(200);
    expect(await completePendingIntakes({ config: h.config, temporal: h.client }, new Date())).toEqual([]); // once
  });
});
