import request from 'supertest';
import { startHarness, type Harness } from '../support/harness';
import { act, eventsOf, openTicket, readTicket, ticketWhen } from '../support/tickets';

const MINUTE = 60_000;

// An hour-long reopen window no machine can miss in real time; its end is reached by skipping time.
describe('the reopen window after resolution (time-skipping server)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ timeSkipping: true, sla: { reopenWindowMinutes: 60 } });
  });
  afterAll(async () => h?.stop());

  async function openAndResolve() {
    const opened = await openTicket(h);
    const t = await ticketWhen(opened.id, (x) => x.status === 'assigned');
    await act(h, opened.id, 'complete', { taskId: t.task!.taskId, outcome: 'done' }).expect(200);
    await ticketWhen(opened.id, (x) => x.status === 'resolved');
    return { ...opened, taskId: t.task!.taskId };
  }

  it('reopens a resolved ticket when the customer writes inside the reopen window', async () => {
    const { id, queryCode, taskId } = await openAndResolve();
    await h.skipTime(45 * MINUTE);
    await request(h.app).post(`/api/track/${queryCode}/messages`).send({ body: 'It broke again.' }).expect(201);
    const reopened = await ticketWhen(id, (x) => x.status === 'assigned' && x.reopenCount === 1);
    expect(reopened.task?.stepId).toBe('handle');
    expect(reopened.task?.taskId).not.toBe(taskId);
    expect(reopened.resolvedAtMs).toBeNull();
    expect((await eventsOf(id)).some((e) => e.type === 'ticket.reopened')).toBe(true);
  });

  it('closes a resolved ticket when the reopen window passes, and then refuses customer replies', async () => {
    const { id, queryCode } = await openAndResolve();
    await h.skipTime(59 * MINUTE);
    expect((await readTicket(id)).status).toBe('resolved');

    await h.skipTime(2 * MINUTE);
    expect((await readTicket(id)).status).toBe('closed');
    const reply = await request(h.app).post(`/api/track/${queryCode}/messages`).send({ body: 'one more thing' });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('TICKET_CLOSED');
  });
});
