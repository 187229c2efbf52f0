import request from 'supertest';
import { startHarness, type Harness } from '../support/harness';
import { act, eventsOf, eventWhen, openTicket, readTicket, ticketWhen } from '../support/tickets';
import { waitForMail } from '../support/smtp';

const MINUTE = 60_000;
const RESOLUTION_MINUTES = 240;

// Targets no machine can miss in real time (an hour for a first response); deadlines are reached by skipping time.
describe('SLA clocks and the escalation ladder (time-skipping server)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      timeSkipping: true,
      sla: {
        targets: { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: RESOLUTION_MINUTES },
        warningAtPercent: 50,
        ladder: [
          { afterMinutes: 0, actions: [{ type: 'notify_assignee' }] },
          { afterMinutes: 30, actions: [{ type: 'reassign_to_lead' }, { type: 'raise_priority' }] },
          { afterMinutes: 60, actions: [{ type: 'notify_ops' }] },
        ],
      },
    });
  });
  afterAll(async () => h?.stop());

  /** What happened on one SLA clock, in order: `sla.warning`, `sla.breached`, `level:0`, `level:1` … */
  const timelineOf = async (id: string, clock: string) =>
    (await eventsOf(id)).filter((e) => e.data.clock === clock).map((e) => (e.type === 'escalation.level' ? `level:${e.data.level}` : e.type));
  const mailFor = (to: string, id: string) => h.smtp.messages.some((m) => m.envelope.to.includes(to) && m.raw.includes(id));

  it('warns at half time, breaches at the target, then climbs the ladder level by level when nobody answers', async () => {
    const { id } = await openTicket(h);
    const assignee = `${(await ticketWhen(id, (t) => t.status === 'assigned')).task!.assigneeId}@staff.test`;

    await h.skipTime(31 * MINUTE);
    expect(await timelineOf(id, 'firstResponse')).toEqual(['sla.warning']);

    await h.skipTime(30 * MINUTE); // 61 min: breached, level 0 notifies the assignee
    expect(await timelineOf(id, 'firstResponse')).toEqual(['sla.warning', 'sla.breached', 'level:0']);
    expect((await readTicket(id)).sla.firstResponse?.status).toBe('breached');
    await waitForMail(h.smtp, (m) => m.envelope.to.includes(assignee) && m.raw.includes(id));

    await h.skipTime(30 * MINUTE); // 91 min: level 1 hands the task to the lead and raises the priority
    expect(await timelineOf(id, 'firstResponse')).toEqual(['sla.warning', 'sla.breached', 'level:0', 'level:1']);
    expect(await readTicket(id)).toMatchObject({ priority: 'high', task: { assigneeId: 'lena-lead' } });
    expect(mailFor('ops@staff.test', id)).toBe(false);

    await h.skipTime(30 * MINUTE); // 121 min: level 2 tells ops
    expect(await timelineOf(id, 'firstResponse')).toEqual(['sla.warning', 'sla.breached', 'level:0', 'level:1', 'level:2']);
    await waitForMail(h.smtp, (m) => m.envelope.to.includes('ops@staff.test') && m.raw.includes(id));
  });

  it('stops the ladder as soon as the agent replies to the customer', async () => {
    const { id } = await openTicket(h);
    await ticketWhen(id, (t) => t.status === 'assigned');
    await h.skipTime(61 * MINUTE);
    expect(await timelineOf(id, 'firstResponse')).toEqual(['sla.warning', 'sla.breached', 'level:0']);

    await act(h, id, 'replies', { body: 'We are on it.' }).expect(200);
    await h.skipTime(90 * MINUTE); // past the instants of levels 1 and 2
    expect(await timelineOf(id, 'firstResponse')).toEqual(['sla.warning', 'sla.breached', 'level:0', 'sla.met']);
    const t = await readTicket(id);
    expect(t.sla.firstResponse).toMatchObject({ status: 'met', escalationLevel: 0 });
    expect(t.sla.firstResponse?.breachedAtMs).not.toBeNull();
    expect(mailFor('ops@staff.test', id)).toBe(false);
  });

  it('meets the first-response target without a warning or a breach when the agent answers in time', async () => {
    const { id } = await openTicket(h);
    await ticketWhen(id, (t) => t.status === 'assigned');
    await h.skipTime(20 * MINUTE);
    await act(h, id, 'replies', { body: 'Hello! Looking into it.' }).expect(200);
    await h.skipTime(60 * MINUTE); // past the deadline the reply beat
    expect((await readTicket(id)).sla.firstResponse).toMatchObject({ status: 'met', breachedAtMs: null });
    expect(await timelineOf(id, 'firstResponse')).toEqual(['sla.met']); // recorded when met, and nothing after
    const met = (await eventsOf(id)).find((e) => e.type === 'sla.met' && e.data.clock === 'firstResponse')!;
    expect(met.data).toMatchObject({ breachedAtMs: null, escalationLevel: -1 });
    expect(met.data.metAtMs as number).toBeLessThan(met.data.dueAtMs as number);
  });

  it('pauses the resolution clock while waiting on the customer and resumes it with exactly the time that was left', async () => {
    const { id, queryCode } = await openTicket(h);
    const receivedAtMs = (await ticketWhen(id, (t) => t.status === 'assigned')).createdAt.getTime();
    await h.skipTime(45 * MINUTE); // 45 of the 240 minutes used

    const askedAtMs = h.now();
    await act(h, id, 'info-requests', { body: 'Could you send your order number?' }).expect(200);
    const asked = await eventWhen(id, 'info.requested');
    const waiting = await readTicket(id);
    expect(waiting.status).toBe('waiting_customer');
    expect(waiting.sla.resolution).toMatchObject({ status: 'paused', dueAtMs: null });
    await h.skipTime((RESOLUTION_MINUTES + 60) * MINUTE); // longer than the whole target
    expect(await timelineOf(id, 'resolution')).toEqual([]);

    const repliedAtMs = h.now();
    await request(h.app).post(`/api/track/${queryCode}/messages`).send({ body: 'Order 4711' }).expect(201);
    const replied = await eventWhen(id, 'message.customer');
    const resumed = await ticketWhen(id, (t) => t.sla.resolution?.status === 'running' && t.sla.resolution.dueAtMs !== null);
    // Due = resume + (target − used). Pause and resume happened inside their requests: the bounds are those requests.
    const target = RESOLUTION_MINUTES * MINUTE;
    const due = resumed.sla.resolution!.dueAtMs!;
    expect(due).toBeGreaterThanOrEqual(repliedAtMs + target - (asked.at.getTime() - receivedAtMs) - 1);
    expect(due).toBeLessThanOrEqual(replied.at.getTime() + target - (askedAtMs - receivedAtMs) + 1);
    expect(resumed.status).toBe('assigned');
    expect(resumed.sla.nextResponse?.status).toBe('running');

    await h.skipTime(due - h.now() + MINUTE); // the rest of the target runs out
    const breach = await eventWhen(id, 'sla.breached', (e) => e.data.clock === 'resolution');
    expect(breach.data.dueAtMs).toBe(due);
  });

  it('resumes a clock that had breached where its ladder was: the next level comes after what was left of its wait', async () => {
    const { id, queryCode } = await openTicket(h);
    await ticketWhen(id, (t) => t.status === 'assigned');
    await act(h, id, 'replies', { body: 'Looking into it.' }).expect(200); // only the resolution clock counts now
    await h.skipTime((RESOLUTION_MINUTES + 1) * MINUTE);
    expect(await timelineOf(id, 'resolution')).toEqual(['sla.warning', 'sla.breached', 'level:0']);

    await h.skipTime(10 * MINUTE); // 10 of the 30 minutes before level 1
    await act(h, id, 'info-requests', { body: 'Which order was it?' }).expect(200);
    await h.skipTime(300 * MINUTE); // a paused clock climbs nothing
    expect(await timelineOf(id, 'resolution')).toEqual(['sla.warning', 'sla.breached', 'level:0']);
    await request(h.app).post(`/api/track/${queryCode}/messages`).send({ body: 'Order 4711' }).expect(201);
    const resumed = await ticketWhen(id, (t) => t.sla.resolution?.status === 'breached' && t.sla.resolution.dueAtMs !== null);
    expect(resumed.sla.resolution?.escalationLevel).toBe(0);

    await h.skipTime(18 * MINUTE); // 28 minutes of breach in all: level 1 is not due yet
    expect(await timelineOf(id, 'resolution')).toEqual(['sla.warning', 'sla.breached', 'level:0']);
    await h.skipTime(4 * MINUTE); // 32 minutes: it is
    expect(await timelineOf(id, 'resolution')).toEqual(['sla.warning', 'sla.breached', 'level:0', 'level:1']);
  });
});
