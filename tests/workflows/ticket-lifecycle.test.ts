import request from 'supertest';
import { startHarness, type Harness } from '../support/harness';
import { act, eventsOf, eventWhen, openTicket, ticketBody, ticketWhen } from '../support/tickets';

describe('ticket lifecycle (real Temporal worker, real database)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sla: { reopenWindowMinutes: 0.05 } });
  });
  afterAll(async () => h?.stop());

  it('triages a new ticket and puts a task in the support inbox, assigned round robin to an agent on shift', async () => {
    const opened = await openTicket(h);
    const t = await ticketWhen(opened.id, (x) => x.status === 'assigned');
    expect(t.categoryId).toBe('general');
    expect(t.language).toBe('en');
    expect(t.task?.departmentId).toBe('support');
    expect(['alice', 'bruno']).toContain(t.task?.assigneeId);
    const types = (await eventsOf(opened.id)).map((e) => e.type);
    expect(types.slice(0, 3)).toEqual(['ticket.created', 'ticket.triaged', 'task.created']);
  });

  it('walks the process: "escalate" moves the ticket to the escalations department, "done" resolves it', async () => {
    const opened = await openTicket(h);
    const t = await ticketWhen(opened.id, (x) => x.status === 'assigned');
    const first = await act(h, opened.id, 'complete', { taskId: t.task!.taskId, outcome: 'escalate' });
    expect(first.status).toBe(200);
    const moved = await ticketWhen(opened.id, (x) => x.task?.departmentId === 'escalations');
    expect(moved.task?.assigneeId).toBe('eve');
    const done = await act(h, opened.id, 'complete', { taskId: moved.task!.taskId, outcome: 'done' });
    expect(done.status).toBe(200);
    await ticketWhen(opened.id, (x) => x.status === 'resolved');
  });

  it('closes a resolved ticket when the reopen window passes, and then refuses customer replies', async () => {
    const opened = await openTicket(h);
    const t = await ticketWhen(opened.id, (x) => x.status === 'assigned');
    await act(h, opened.id, 'complete', { taskId: t.task!.taskId, outcome: 'done' }).expect(200);
    await ticketWhen(opened.id, (x) => x.status === 'closed', 15_000);
    const reply = await request(h.app).post(`/api/track/${opened.queryCode}/messages`).send({ body: 'one more thing' });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('TICKET_CLOSED');
  });

  it('leaves the task unassigned in the queue when nobody in the department is on shift', async () => {
    const opened = await openTicket(h, ticketBody({ subject: 'nightowl question' }));
    const t = await ticketWhen(opened.id, (x) => x.status === 'assigned');
    expect(t.task?.departmentId).toBe('night');
    expect(t.task?.assigneeId).toBeNull();
    await eventWhen(opened.id, 'task.created');
  });
});
