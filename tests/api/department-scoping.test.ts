import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApiKey } from '../../api/middleware/auth';
import { startHarness, type Harness } from '../support/harness';
import { act, openTicket, readTicket, ticketWhen } from '../support/tickets';

/** Department scoping on inboxes, the staff view and every action: agents see their departments only (404, never 403). */
describe('department scoping of tickets and tasks', () => {
  let h: Harness;
  const keys = { alice: '', eve: '', nora: '', ops: '' };
  beforeAll(async () => {
    h = await startHarness();
    const agent = async (departmentId: string, memberId: string) =>
      (await createApiKey({ name: memberId, role: 'agent', departmentIds: [departmentId], memberId }, h.config.secret)).key;
    keys.alice = await agent('support', 'alice');
    keys.eve = await agent('escalations', 'eve');
    keys.nora = await agent('night', 'nora');
    keys.ops = (await createApiKey({ name: 'ops', role: 'ops' }, h.config.secret)).key;
  });
  afterAll(async () => h?.stop());

  const get = (path: string, key: string) => request(h.app).get(path).set('Authorization', `Bearer ${key}`);
  const inbox = async (departmentId: string, key: string) => {
    const res = await get(`/api/departments/${departmentId}/tasks`, key).expect(200);
    return res.body.items as Array<{ taskId: string; ticketId: string; title: string; status: string; assigneeId: string | null; ticket: { subject: string } }>;
  };
  /** A fresh ticket waiting in the support inbox. */
  const supportTicket = async () => {
    const { id } = await openTicket(h);
    const t = await ticketWhen(id, (x) => x.status === 'assigned');
    return { id, taskId: t.task!.taskId };
  };
  /** Every action an agent can take on a ticket, with a body that would be valid. */
  const everyAction = (taskId: string) =>
    [
      ['claim', { taskId }],
      ['replies', { body: 'Hello from another department' }],
      ['info-requests', { body: 'Who are you?' }],
      ['notes', { body: 'Not my ticket' }],
      ['complete', { taskId, outcome: 'done' }],
    ] as const;
  const expectProblem = (res: request.Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  };

  it('shows a support agent the ticket in the support inbox, and no inbox of another department', async () => {
    const { id, taskId } = await supportTicket();
    expect(await inbox('support', keys.alice)).toContainEqual(expect.objectContaining({ taskId, ticketId: id, title: 'Answer the customer', ticket: expect.objectContaining({ subject: 'Where is my order?' }) }));
    expectProblem(await get('/api/departments/escalations/tasks', keys.alice), 404, 'DEPARTMENT_NOT_FOUND');
    expectProblem(await get('/api/departments/night/tasks', keys.alice), 404, 'DEPARTMENT_NOT_FOUND');
    await get(`/api/tickets/${id}`, keys.alice).expect(200);
  });

  it('answers 404 to an agent of an unrelated department on the ticket and on every action, and changes nothing', async () => {
    const { id, taskId } = await supportTicket();
    const before = await readTicket(id);
    for (const key of [keys.nora, keys.eve]) {
      expectProblem(await get(`/api/tickets/${id}`, key), 404, 'TICKET_NOT_FOUND');
      for (const [action, body] of everyAction(taskId)) expectProblem(await act(h, id, action, body, key), 404, 'TICKET_NOT_FOUND');
    }
    const after = await readTicket(id);
    expect(after.lastEventSeq).toBe(before.lastEventSeq);
    expect(after.task).toEqual(before.task);
  });

  it('moves the ticket to escalations: its agents see and work it, support keeps read access only, night still sees nothing', async () => {
    const { id, taskId } = await supportTicket();
    const key = randomUUID();
    const escalated = await act(h, id, 'complete', { taskId, outcome: 'escalate' }, keys.alice).set('Idempotency-Key', key).expect(200);
    const moved = await ticketWhen(id, (t) => t.task?.departmentId === 'escalations');
    const reviewTaskId = moved.task!.taskId;
    // Alice's answer was lost on the way: her retry, after the task left her department, gets the first answer.
    const retried = await act(h, id, 'complete', { taskId, outcome: 'escalate' }, keys.alice).set('Idempotency-Key', key).expect(200);
    expect(retried.body).toEqual(escalated.body);
    // The same key from another caller is another request: checked (that task is done), not answered with Alice's result.
    expectProblem(await act(h, id, 'complete', { taskId, outcome: 'escalate' }, keys.eve).set('Idempotency-Key', key), 404, 'TASK_NOT_FOUND');
    expect((await readTicket(id)).task).toMatchObject({ taskId: reviewTaskId, departmentId: 'escalations', status: 'open' });

    expect(await inbox('escalations', keys.eve)).toContainEqual(expect.objectContaining({ taskId: reviewTaskId, ticketId: id, title: 'Specialist review' }));
    await get(`/api/tickets/${id}`, keys.eve).expect(200);
    await get(`/api/tickets/${id}`, keys.alice).expect(200); // it had a support task: history stays readable
    for (const [action, body] of everyAction(reviewTaskId)) expectProblem(await act(h, id, action, body, keys.alice), 404, 'TICKET_NOT_FOUND');
    expectProblem(await get(`/api/tickets/${id}`, keys.nora), 404, 'TICKET_NOT_FOUND');
    for (const [action, body] of everyAction(reviewTaskId)) expectProblem(await act(h, id, action, body, keys.nora), 404, 'TICKET_NOT_FOUND');

    expectProblem(await act(h, id, 'complete', { taskId, outcome: 'escalate' }), 404, 'TASK_NOT_FOUND'); // the support task is no longer current
    const claimed = await act(h, id, 'claim', { taskId: reviewTaskId }, keys.eve).expect(200);
    expect(claimed.body).toMatchObject({ status: 'assigned', taskId: reviewTaskId });
    expect((await readTicket(id)).task).toMatchObject({ assigneeId: 'eve', status: 'claimed' });
  });

  it('refuses to claim a task for someone outside its department (422) and asks a key without a member for one (422)', async () => {
    const { id, taskId } = await supportTicket();
    const foreign = await act(h, id, 'claim', { taskId, memberId: 'eve' }, keys.alice);
    expectProblem(foreign, 422, 'UNKNOWN_REFERENCE');
    expect(foreign.body.errors).toEqual([{ pointer: '/body/memberId', message: expect.any(String) }]);
    expectProblem(await act(h, id, 'claim', { taskId, memberId: 'nobody' }), 422, 'UNKNOWN_REFERENCE');
    const memberless = await act(h, id, 'claim', { taskId });
    expectProblem(memberless, 422, 'INCONSISTENT_INPUT');
    expect(memberless.body.errors[0].pointer).toBe('/body/memberId');
    await act(h, id, 'claim', { taskId, memberId: 'bruno' }, keys.alice).expect(200);
    expect((await readTicket(id)).task).toMatchObject({ assigneeId: 'bruno', status: 'claimed' });
  });

  it('refuses an outcome the step does not offer (422: well formed) and leaves the task open', async () => {
    const { id, taskId } = await supportTicket();
    const unknown = await act(h, id, 'complete', { taskId, outcome: 'refund' }, keys.alice);
    expectProblem(unknown, 422, 'UNKNOWN_REFERENCE');
    expect(unknown.body.detail).toContain('done, escalate');
    const malformed = await act(h, id, 'complete', { taskId, outcome: 'Not An Outcome' }, keys.alice);
    expectProblem(malformed, 400, 'VALIDATION_FAILED');
    expect(malformed.body.errors[0].pointer).toBe('/body/outcome');
    expect((await readTicket(id)).task).toMatchObject({ taskId, status: 'open', outcome: null });
  });

  it('answers 409 to completing a task twice, but replays the first answer for a retry with the same Idempotency-Key', async () => {
    const { id, taskId } = await supportTicket();
    const key = randomUUID();
    const first = await act(h, id, 'complete', { taskId, outcome: 'done' }, keys.alice).set('Idempotency-Key', key).expect(200);
    const retried = await act(h, id, 'complete', { taskId, outcome: 'done' }, keys.alice).set('Idempotency-Key', key).expect(200);
    expect(retried.body).toEqual(first.body);
    expectProblem(await act(h, id, 'complete', { taskId, outcome: 'done' }, keys.alice), 409, 'INVALID_TRANSITION');
    await ticketWhen(id, (t) => t.status === 'resolved');
    expectProblem(await act(h, id, 'complete', { taskId, outcome: 'done' }, keys.alice), 409, 'INVALID_TRANSITION');
  });

  it('answers 401 with WWW-Authenticate to requests without a valid API key', async () => {
    const { id, taskId } = await supportTicket();
    const anonymous = [
      request(h.app).get(`/api/tickets/${id}`),
      request(h.app).get('/api/departments/support/tasks'),
      request(h.app).post(`/api/tickets/${id}/claim`).send({ taskId, memberId: 'alice' }),
      get(`/api/tickets/${id}`, 'mrd_' + 'x'.repeat(43)),
      get(`/api/tickets/${id}`, 'not-even-a-key'),
    ];
    for (const res of await Promise.all(anonymous)) {
      expectProblem(res, 401, 'UNAUTHENTICATED');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    expect((await readTicket(id)).task?.status).toBe('open');
  });

  it('lets an ops key see every department’s inbox and every ticket', async () => {
    const { id, taskId } = await supportTicket();
    expect((await inbox('support', keys.ops)).map((t) => t.taskId)).toContain(taskId);
    await inbox('escalations', keys.ops);
    await inbox('night', keys.ops);
    await get(`/api/tickets/${id}`, keys.ops).expect(200);
    expectProblem(await get('/api/departments/atlantis/tasks', keys.ops), 404, 'DEPARTMENT_NOT_FOUND');
  });
});
