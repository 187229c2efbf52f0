/**
 * An unanswered approval level escalates after its timeout on the business calendar (time-skipping server): the
 * escalation target may answer from then on, ops get a mail, and the approval goes on where it was.
 */
import request from 'supertest';
import type { ProcessBody } from '../../domain/processes/process';
import { startHarness, type Harness } from '../support/harness';
import { mailHeader, mailText, waitForMail } from '../support/smtp';
import { act, eventsOf, openTicket, readTicket, ticketBody, ticketWhen } from '../support/tickets';
import { memberKeys, refundBody, seedRefundConfiguration } from '../support/approval-config';

const MINUTE = 60_000;

const TIMED_PROCESS: ProcessBody = {
  id: 'timed-refund',
  name: 'Refund with a short approval timeout',
  steps: [
    { id: 'review', type: 'task', title: 'Review', departmentId: 'support', requiredSkills: [], outcomes: ['refund'], next: {} },
    {
      id: 'approval',
      type: 'approval',
      title: 'Finance approval',
      levels: [
        { name: 'director', from: {}, approvers: { departmentId: 'finance', role: 'finance_director', mode: 'any' }, timeoutMinutes: 120, escalateTo: { departmentId: 'finance', memberIds: ['gus'], mode: 'any' } },
        { name: 'manager', from: {}, approvers: { departmentId: 'finance', memberIds: ['fay'], mode: 'any' }, timeoutMinutes: 60 },
      ],
      next: {},
    },
  ],
};

describe('approval timeouts (time-skipping server)', () => {
  let h: Harness;
  let keys: Record<string, string>;
  beforeAll(async () => {
    h = await startHarness({ timeSkipping: true });
    await seedRefundConfiguration(TIMED_PROCESS);
    keys = await memberKeys(h);
  });
  afterAll(async () => h?.stop());

  it('escalates an unanswered level to its escalation target after the timeout, alerts ops once, then goes on', async () => {
    const opened = await openTicket(h, ticketBody({ subject: 'refund please', refund: refundBody(9_900) }));
    const t = await ticketWhen(opened.id, (x) => x.task?.stepId === 'review');
    await act(h, opened.id, 'complete', { taskId: t.task!.taskId, outcome: 'refund' }).expect(200);
    const pending = await ticketWhen(opened.id, (x) => x.approvals?.[0]?.levels[0]?.status === 'pending');
    const level = pending.approvals![0]!.levels[0]!;
    expect(level.eligible).toEqual(['fred']);
    expect(level.dueAtMs! - level.startedAtMs!).toBe(120 * MINUTE); // the test region's calendar is always open

    // Before the timeout gus may not answer.
    const early = await request(h.app).post(`/api/tickets/${opened.id}/approvals/approval-1/approve`).set('Authorization', `Bearer ${keys.gus}`).send({ reason: 'Approved' });
    expect(early.status).toBe(403);

    await h.skipTime(119 * MINUTE);
    expect((await readTicket(opened.id)).approvals![0]!.levels[0]!.escalated).toBe(false);
    await h.skipTime(2 * MINUTE);
    const escalated = await ticketWhen(opened.id, (x) => x.approvals?.[0]?.levels[0]?.escalated === true);
    expect(escalated.approvals![0]!.levels[0]!.eligible).toEqual(['fred', 'gus']);
    const alert = await waitForMail(h.smtp, (m) => mailHeader(m, 'x-meridian-ticket') === opened.id && m.envelope.to.some((to) => to.startsWith('ops@')), 15_000);
    expect(mailText(alert)).toMatch(/not answered in time: escalated to gus/);

    await h.skipTime(24 * 60 * MINUTE); // an escalated level waits for its answer; it never escalates twice
    expect((await eventsOf(opened.id)).filter((e) => e.type === 'approval.escalated')).toHaveLength(1);

    const res = await request(h.app).post(`/api/tickets/${opened.id}/approvals/approval-1/approve`).set('Authorization', `Bearer ${keys.gus}`).send({ reason: 'Fred is away' });
    expect(res.status).toBe(200);
    const next = await ticketWhen(opened.id, (x) => x.approvals?.[0]?.current === 1 && x.approvals[0].levels[1]?.status === 'pending');
    expect(next.approvals![0]!.levels[1]!.eligible).toEqual(['fay']);

    // A level with nobody to escalate to still alerts ops, and still waits for its approver.
    await h.skipTime(61 * MINUTE);
    const second = await ticketWhen(opened.id, (x) => x.approvals?.[0]?.levels[1]?.escalated === true);
    expect(second.approvals![0]!.levels[1]!.eligible).toEqual(['fay']);
    await waitForMail(h.smtp, (m) => mailHeader(m, 'x-meridian-ticket') === opened.id && mailText(m).includes('nobody to escalate to'), 15_000);
    expect((await request(h.app).post(`/api/tickets/${opened.id}/approvals/approval-1/approve`).set('Authorization', `Bearer ${keys.fay}`).send({ reason: 'Approved' })).status).toBe(200);
    const done = await ticketWhen(opened.id, (x) => x.status === 'resolved');
    expect(done.approvals![0]!.status).toBe('approved');
  });
});
