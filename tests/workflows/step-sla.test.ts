/**
 * A process step with its own SLA target (time-skipping server; the test region is always open): the `step` clock
 * starts with the step, warns, breaches and climbs the ladder like the ticket's clocks, and is met when the step ends.
 */
import request from 'supertest';
import type { ProcessBody } from '../../domain/processes/process';
import { createApiKey } from '../../api/middleware/auth';
import { createProcessVersion } from '../../models/process.model';
import { saveTriageRules } from '../../models/triage-rules.model';
import { startHarness, type Harness } from '../support/harness';
import { TRIAGE_RULES } from '../support/test-config';
import { act, eventsOf, eventWhen, openTicket, ticketBody, ticketWhen } from '../support/tickets';

const MINUTE = 60_000;
const TIMED: ProcessBody = {
  id: 'timed-steps',
  name: 'Timed steps',
  steps: [
    { id: 'check', type: 'task', title: 'Check within 30 minutes', departmentId: 'support', requiredSkills: [], outcomes: ['done'], next: {}, sla: { targetMinutes: 30 } },
    {
      id: 'sign-off',
      type: 'approval',
      title: 'Sign-off within an hour',
      levels: [{ name: 'lead', from: {}, approvers: { departmentId: 'support', memberIds: ['lena-lead'], mode: 'any' }, timeoutMinutes: 480 }],
      next: {},
      sla: { targetMinutes: 60 },
    },
  ],
};

describe('step SLA targets (time-skipping server)', () => {
  let h: Harness;
  let lenaKey: string;
  beforeAll(async () => {
    h = await startHarness({ timeSkipping: true, sla: { ladder: [{ afterMinutes: 0, actions: [{ type: 'notify_ops' }] }] } });
    await createProcessVersion(TIMED, { actor: 'test' });
    await saveTriageRules({ ...TRIAGE_RULES, categories: [{ id: 'timed', name: 'Timed', processId: 'timed-steps', keywords: { '*': ['timed'] }, patterns: [], minPriority: 'normal' }, ...TRIAGE_RULES.categories] }, { actor: 'test' });
    lenaKey = (await createApiKey({ name: 'lena', role: 'agent', departmentIds: ['support'], memberId: 'lena-lead' }, h.config.secret)).key;
  });
  afterAll(async () => h?.stop());

  it('breaches a task step’s own target and climbs the ladder, then times the next step from its start', async () => {
    const opened = await openTicket(h, ticketBody({ subject: 'timed: please check' }));
    const t = await ticketWhen(opened.id, (x) => x.task?.stepId === 'check' && x.sla.step?.dueAtMs !== undefined);
    expect(t.sla.step?.dueAtMs).toBe(t.task!.createdAtMs + 30 * MINUTE);
    expect(t.sla.resolution?.status).toBe('running'); // the ticket's own clocks run beside it

    await h.skipTime(31 * MINUTE);
    await eventWhen(opened.id, 'sla.breached', (e) => e.data.clock === 'step');
    await eventWhen(opened.id, 'escalation.level', (e) => e.data.clock === 'step');

    await act(h, opened.id, 'complete', { taskId: t.task!.taskId, outcome: 'done' }).expect(200);
    const met = await eventWhen(opened.id, 'sla.met', (e) => e.data.clock === 'step');
    expect(met.data.breachedAtMs).not.toBeNull();
    const signOff = await ticketWhen(opened.id, (x) => x.step?.stepId === 'sign-off' && x.sla.step?.status === 'running');
    expect(signOff.sla.step!.dueAtMs! - signOff.step!.startedAtMs).toBe(60 * MINUTE);

    await h.skipTime(20 * MINUTE);
    await request(h.app).post(`/api/tickets/${opened.id}/approvals/sign-off-1/approve`).set('Authorization', `Bearer ${lenaKey}`).send({ reason: 'fine' }).expect(200);
    const done = await ticketWhen(opened.id, (x) => x.status === 'resolved');
    expect(done.sla.step?.status).toBe('met');
    const stepEvents = (await eventsOf(opened.id)).filter((e) => e.data.clock === 'step').map((e) => e.type);
    expect(stepEvents.filter((e) => e === 'sla.breached')).toHaveLength(1); // the sign-off was on time
    expect(stepEvents.filter((e) => e === 'sla.met')).toHaveLength(2);
  });
});
