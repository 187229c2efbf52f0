import { startHarness, type Harness } from '../support/harness';
import { act, eventsOf, eventWhen, openTicket, ticketBody, ticketWhen } from '../support/tickets';

describe('ticket lifecycle (real Temporal worker, real database)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(); // the reopen window and its end: reopen-window.test.ts, on the time-skipping server
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

  it('leaves the task unassigned in the queue when nobody in the department is on shift', async () => {
    const opened = await openTicket(h, ticketBody({ subject: 'nightowl question' }));
    const t = await ticketWhen(opened.id, (x) => x.status === 'assigned');
    expect(t.task?.departmentId).toBe('night');
    expect(t.task?.assigneeId).toBeNull();
    await eventWhen(opened.id, 'task.created');
  });
});
