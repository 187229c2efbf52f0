import request from 'supertest';
import { eventually, startHarness, type Harness } from '../support/harness';
import { act, eventsOf, eventWhen, openTicket, readTicket, ticketWhen } from '../support/tickets';
import { waitForMail } from '../support/smtp';

const SECOND = 1 / 60; // SLA minutes per second: these tests run on an always-open calendar in seconds

describe('SLA clocks and the escalation ladder (real Temporal timers)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      sla: {
        targets: { firstResponseMinutes: 2 * SECOND, nextResponseMinutes: 3 * SECOND, resolutionMinutes: 6 * SECOND },
        warningAtPercent: 50,
        ladder: [
          { afterMinutes: 0, actions: [{ type: 'notify_assignee' }] },
          { afterMinutes: 2 * SECOND, actions: [{ type: 'reassign_to_lead' }, { type: 'raise_priority' }] },
          { afterMinutes: 4 * SECOND, actions: [{ type: 'notify_ops' }] },
        ],
        reopenWindowMinutes: 30 * SECOND,
      },
    });
  });
  afterAll(async () => h?.stop());

  const levelsOf = async (id: string, clock: string) =>
    (await eventsOf(id)).filter((e) => e.type === 'escalation.level' && e.data.clock === clock).map((e) => e.data.level);

  it('warns, breaches, then climbs every ladder level in order when nobody answers', async () => {
    const { id } = await openTicket(h);
    const assigned = await ticketWhen(id, (t) => t.status === 'assigned');
    const assignee = assigned.task!.assigneeId!;
    await eventWhen(id, 'escalation.level', (e) => e.data.clock === 'firstResponse' && e.data.level === 2, 15_000);
    const events = await eventsOf(id);
    const first = events.filter((e) => e.data.clock === 'firstResponse').map((e) => `${e.type}${e.type === 'escalation.level' ? `:${e.data.level}` : ''}`);
    expect(first).toEqual(['sla.warning', 'sla.breached', 'escalation.level:0', 'escalation.level:1', 'escalation.level:2']);
    const t = await readTicket(id);
    expect(t.sla.firstResponse?.status).toBe('breached');
    expect(t.priority).not.toBe('normal'); // raised (by level 1 of each breached clock)
    expect(t.task?.assigneeId).toBe('lena-lead');
    await waitForMail(h.smtp, (m) => m.envelope.to.includes(`${assignee}@staff.test`) && m.raw.includes(id));
    await waitForMail(h.smtp, (m) => m.envelope.to.includes('ops@staff.test') && m.raw.includes(id));
  });

  it('stops the ladder as soon as the agent replies to the customer', async () => {
    const { id } = await openTicket(h);
    await eventWhen(id, 'escalation.level', (e) => e.data.clock === 'firstResponse' && e.data.level === 0, 10_000);
    await act(h, id, 'replies', { body: 'We are on it.' }).expect(200);
    await new Promise((r) => setTimeout(r, 5_000)); // past the instants of levels 1 and 2
    expect(await levelsOf(id, 'firstResponse')).toEqual([0]);
    const t = await readTicket(id);
    expect(t.sla.firstResponse).toMatchObject({ status: 'met', escalationLevel: 0 });
    expect(t.sla.firstResponse?.breachedAtMs).not.toBeNull();
  });

  it('meets the first-response target without any breach when the agent answers in time', async () => {
    const { id } = await openTicket(h);
    await ticketWhen(id, (t) => t.status === 'assigned');
    await act(h, id, 'replies', { body: 'Hello! Looking into it.' }).expect(200);
    const t = await readTicket(id);
    expect(t.sla.firstResponse).toMatchObject({ status: 'met', breachedAtMs: null });
    expect((await eventsOf(id)).some((e) => e.type === 'sla.breached' && e.data.clock === 'firstResponse')).toBe(false);
  });

  it('pauses the resolution clock while waiting on the customer and resumes it with the time that was left', async () => {
    const { id, queryCode } = await openTicket(h);
    await ticketWhen(id, (t) => t.status === 'assigned');
    const askedAt = Date.now();
    await act(h, id, 'info-requests', { body: 'Could you send your order number?' }).expect(200);
    const waiting = await readTicket(id);
    expect(waiting.status).toBe('waiting_customer');
    expect(waiting.sla.resolution).toMatchObject({ status: 'paused', dueAtMs: null });
    await new Promise((r) => setTimeout(r, 7_000)); // longer than the whole 6 s resolution target
    expect((await eventsOf(id)).some((e) => e.type === 'sla.breached' && e.data.clock === 'resolution')).toBe(false);
    const repliedAt = Date.now();
    await request(h.app).post(`/api/track/${queryCode}/messages`).send({ body: 'Order 4711' }).expect(201);
    const resumed = await ticketWhen(id, (t) => t.sla.resolution?.status === 'running' && t.sla.resolution.dueAtMs !== null);
    const used = askedAt - resumed.createdAt.getTime();
    const due = resumed.sla.resolution!.dueAtMs!;
    expect(due).toBeGreaterThan(repliedAt + 6_000 - used - 1_500);
    expect(due).toBeLessThan(Date.now() + 6_000);
    expect(resumed.status).toBe('assigned');
    expect(resumed.sla.nextResponse?.status).toBe('running');
  });

  it('reopens a resolved ticket when the customer writes inside the reopen window', async () => {
    const { id, queryCode } = await openTicket(h);
    const t = await ticketWhen(id, (x) => x.status === 'assigned');
    await act(h, id, 'complete', { taskId: t.task!.taskId, outcome: 'done' }).expect(200);
    await ticketWhen(id, (x) => x.status === 'resolved');
    await request(h.app).post(`/api/track/${queryCode}/messages`).send({ body: 'It broke again.' }).expect(201);
    const reopened = await ticketWhen(id, (x) => x.status === 'assigned' && x.reopenCount === 1);
    expect(reopened.task?.stepId).toBe('handle');
    expect(reopened.task?.taskId).not.toBe(t.task!.taskId);
    expect(reopened.resolvedAtMs).toBeNull();
    await eventually(async () => (await eventsOf(id)).some((e) => e.type === 'ticket.reopened'));
  });
});
