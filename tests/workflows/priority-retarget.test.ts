/**
 * A priority change re-targets the SLA clocks from the policy of the new priority, keeping the time already used
 * (time-skipping server; the test region's calendar is always open, so business minutes are minutes).
 */
import request from 'supertest';
import { saveSlaPolicy } from '../../models/sla-policy.model';
import { startHarness, type Harness } from '../support/harness';
import { act, eventWhen, openTicket, readTicket, ticketWhen } from '../support/tickets';

const MINUTE = 60_000;
const target = (firstResponseMinutes: number, resolutionMinutes: number) => ({ firstResponseMinutes, nextResponseMinutes: 240, resolutionMinutes });

describe('priority changes re-target the SLA clocks (time-skipping server)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ timeSkipping: true });
    await saveSlaPolicy(
      {
        id: 'test-policy',
        name: 'Per priority',
        regionId: 'test-utc',
        targets: { low: target(240, 2_400), normal: target(120, 600), high: target(60, 300), urgent: target(30, 120) },
        warningAtPercent: 80,
        // The first-response breach raises the priority one step (normal → high).
        escalationLadder: [{ afterMinutes: 0, actions: [{ type: 'raise_priority' }] }],
        reopenWindowMinutes: 60,
      },
      { actor: 'test' },
    );
  });
  afterAll(async () => h?.stop());

  it('an agent’s change to urgent keeps the 45 minutes used: resolution is due 75 minutes later, not 120', async () => {
    const opened = await openTicket(h);
    const t = await ticketWhen(opened.id, (x) => x.status === 'assigned');
    expect(t.priority).toBe('normal');
    const receivedAt = t.createdAt.getTime();
    expect(t.sla.resolution?.dueAtMs).toBe(receivedAt + 600 * MINUTE);

    await h.skipTime(45 * MINUTE);
    const changedAt = await h.serverTime();
    const res = await act(h, opened.id, 'priority', { priority: 'urgent', reason: 'The customer’s shop is down' });
    expect(res.status).toBe(200);
    const after = await ticketWhen(opened.id, (x) => x.priority === 'urgent' && x.sla.resolution?.dueAtMs !== receivedAt + 600 * MINUTE);
    // 45 of urgent's 120 minutes are used: 75 left from the change (within the second the server took to apply it).
    expect(Math.abs(after.sla.resolution!.dueAtMs! - (changedAt + 75 * MINUTE))).toBeLessThan(5_000);
    // First response: urgent's 30 minutes are used up already: due at once, and breached.
    const breached = await eventWhen(opened.id, 'sla.breached', (e) => e.data.clock === 'firstResponse');
    expect(breached.at.getTime() - changedAt).toBeLessThan(5_000);
    const changed = await eventWhen(opened.id, 'ticket.priority_changed');
    expect(changed.data).toMatchObject({ from: 'normal', to: 'urgent', reason: 'The customer’s shop is down' });
  });

  it('an escalation level that raises the priority re-targets the other clocks too', async () => {
    const opened = await openTicket(h);
    const t = await ticketWhen(opened.id, (x) => x.status === 'assigned');
    const receivedAt = t.createdAt.getTime();
    await h.skipTime(121 * MINUTE); // first response (normal: 120) breaches; the ladder raises the priority to high
    const raised = await ticketWhen(opened.id, (x) => x.priority === 'high' && x.sla.resolution?.dueAtMs !== receivedAt + 600 * MINUTE);
    // High's resolution target is 300 minutes from the start, the 120 used included.
    expect(Math.abs(raised.sla.resolution!.dueAtMs! - (receivedAt + 300 * MINUTE))).toBeLessThan(5_000);
  });

  it('refuses a priority change on a resolved ticket (409) and an unknown priority (400)', async () => {
    const opened = await openTicket(h);
    const t = await ticketWhen(opened.id, (x) => x.status === 'assigned');
    expect((await act(h, opened.id, 'priority', { priority: 'critical', reason: 'x' })).status).toBe(400);
    await act(h, opened.id, 'complete', { taskId: t.task!.taskId, outcome: 'done' }).expect(200);
    await ticketWhen(opened.id, (x) => x.status === 'resolved');
    const late = await act(h, opened.id, 'priority', { priority: 'high', reason: 'too late' });
    expect(late.status).toBe(409);
    expect((await readTicket(opened.id)).priority).toBe('normal');
    expect((await request(h.app).post(`/api/tickets/${opened.id}/priority`).send({ priority: 'high', reason: 'anonymous' })).status).toBe(401);
  });
});
