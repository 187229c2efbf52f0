/**
 * A parallel step through the HTTP API (time-skipping server; the test region is always open): every branch's first
 * task opens at once in its own department, each department acts only on its own branch, a branch moves to its next
 * task, the step ends when every branch has finished, and a breach escalates each unfinished branch task.
 */
import request from 'supertest';
import { createApiKey } from '../../api/middleware/auth';
import { eventually, startHarness, type Harness } from '../support/harness';
import { seedTwoTeamsProcess } from '../support/parallel-process';
import { act, eventsOf, eventWhen, openTicket, ticketBody, ticketWhen } from '../support/tickets';

const MINUTE = 60_000;
describe('a parallel step (time-skipping server)', () => {
  let h: Harness;
  let supportKey: string;
  let escalationsKey: string;
  beforeAll(async () => {
    h = await startHarness({ timeSkipping: true, sla: { ladder: [{ afterMinutes: 0, actions: [{ type: 'notify_ops' }] }] } });
    await seedTwoTeamsProcess();
    supportKey = (await createApiKey({ name: 'alice', role: 'agent', departmentIds: ['support'], memberId: 'alice' }, h.config.secret)).key;
    escalationsKey = (await createApiKey({ name: 'eve', role: 'agent', departmentIds: ['escalations'], memberId: 'eve' }, h.config.secret)).key;
  });
  afterAll(async () => h?.stop());

  const staffView = async (id: string, key: string) => (await request(h.app).get(`/api/tickets/${id}`).set('Authorization', `Bearer ${key}`).expect(200)).body;
  const inbox = async (departmentId: string, key: string) =>
    (await request(h.app).get(`/api/departments/${departmentId}/tasks`).set('Authorization', `Bearer ${key}`).expect(200)).body.items as Array<{ taskId: string; title: string }>;

  it('opens every branch at once, lets each department act only on its own task, and goes on when all have finished', async () => {
    const opened = await openTicket(h, ticketBody({ subject: 'twoteams: my child bought coins' }));
    await ticketWhen(opened.id, (t) => (t.tasks ?? []).length === 2);
    const view = await staffView(opened.id, h.adminKey);
    expect(view.status).toBe('assigned');
    expect(view.task).toBeNull();
    expect(view.step).toMatchObject({ stepId: 'checks', type: 'parallel' });
    expect(view.tasks.map((t: { title: string; departmentId: string; branchId: string }) => [t.branchId, t.title, t.departmentId])).toEqual([
      ['identity', 'Verify the identity', 'support'],
      ['account', 'Restrict the account', 'escalations'],
    ]);
    const [identity, account] = view.tasks as Array<{ taskId: string }>;
    // Each department's inbox shows its own branch's task, and each agent sees the ticket.
    expect((await inbox('support', supportKey)).map((t) => t.title)).toContain('Verify the identity');
    expect((await inbox('escalations', escalationsKey)).map((t) => t.taskId)).toEqual([account!.taskId]);
    expect((await staffView(opened.id, escalationsKey)).tasks).toHaveLength(2);

    // Support cannot claim or complete the other branch's task; the wrong outcome is refused.
    const foreign = await act(h, opened.id, 'complete', { taskId: account!.taskId, outcome: 'restricted' }, supportKey).expect(404);
    expect(foreign.body.code).toBe('TASK_NOT_FOUND');
    await act(h, opened.id, 'claim', { taskId: account!.taskId }, supportKey).expect(404);
    const wrong = await act(h, opened.id, 'complete', { taskId: account!.taskId, outcome: 'done' }, escalationsKey).expect(422);
    expect(wrong.body.detail).toContain('restricted, not_needed');

    // The identity branch moves to its second task; the account branch is untouched.
    await act(h, opened.id, 'claim', { taskId: identity!.taskId }, supportKey).expect(200);
    const answer = await act(h, opened.id, 'complete', { taskId: identity!.taskId, outcome: 'done' }, supportKey).expect(200);
    expect(answer.body.taskId).toBe(identity!.taskId);
    const second = await ticketWhen(opened.id, (t) => (t.tasks ?? []).some((x) => x.title === 'Confirm the refund'));
    expect(second.tasks!.map((t) => [t.title, t.status])).toEqual([
      ['Confirm the refund', 'open'],
      ['Restrict the account', 'open'],
    ]);
    await act(h, opened.id, 'complete', { taskId: identity!.taskId, outcome: 'done' }, supportKey).expect(404); // done and replaced

    // The account branch finishes; the step waits for the identity branch's last task.
    await act(h, opened.id, 'complete', { taskId: account!.taskId, outcome: 'restricted' }, escalationsKey).expect(200);
    const waiting = await ticketWhen(opened.id, (t) => t.tasks!.some((x) => x.title === 'Restrict the account' && x.status === 'done'));
    expect(waiting.step?.stepId).toBe('checks');
    const confirm = second.tasks!.find((t) => t.title === 'Confirm the refund')!;
    await act(h, opened.id, 'complete', { taskId: confirm.taskId, outcome: 'done' }, supportKey).expect(200);

    const next = await ticketWhen(opened.id, (t) => t.task?.stepId === 'wrap-up');
    expect(next.tasks).toEqual([]);
    expect(next.step).toBeNull();
    expect(next.sla.step?.status).toBe('met');
    const events = await eventsOf(opened.id);
    expect(events.filter((e) => e.type === 'task.created').map((e) => [e.data.stepId, e.data.branchId ?? null])).toEqual([
      ['checks', 'identity'],
      ['checks', 'account'],
      ['checks', 'identity'],
      ['wrap-up', null],
    ]);
    // The simulation of the process lists the same tasks in the same order.
    const simulated = await request(h.app).post('/api/processes/two-teams/simulate').set('Authorization', `Bearer ${h.adminKey}`).send({ regionId: 'test-utc' }).expect(200);
    const created = events.filter((e) => e.type === 'task.created').map((e) => [e.data.stepId, e.data.branchId ?? null, e.data.departmentId]);
    expect(simulated.body.tasks.map((x: { stepId: string; branchId?: string; departmentId: string }) => [x.stepId, x.branchId ?? null, x.departmentId])).toEqual(created);
    expect(simulated.body.path.map((x: { stepId: string; outcome: string }) => `${x.stepId}:${x.outcome}`)).toEqual(['checks:completed', 'wrap-up:done']);
    expect(events.filter((e) => e.type === 'step.completed').map((e) => [e.data.stepId, e.data.outcome])).toEqual([['checks', 'completed']]);
    await act(h, opened.id, 'complete', { taskId: next.task!.taskId, outcome: 'done' }).expect(200);
    await ticketWhen(opened.id, (t) => t.status === 'resolved');
  });

  it('escalates each branch task in its own department when the step breaches its target', async () => {
    const opened = await openTicket(h, ticketBody({ subject: 'twoteams: please hurry' }));
    await ticketWhen(opened.id, (x) => (x.tasks ?? []).length === 2 && x.sla.step?.dueAtMs !== undefined);
    await h.skipTime(31 * MINUTE);
    await eventWhen(opened.id, 'sla.breached', (e) => e.data.clock === 'step');
    const levels = await eventually(async () => {
      const found = (await eventsOf(opened.id)).filter((e) => e.type === 'escalation.level' && e.data.clock === 'step');
      return found.length >= 2 && found;
    });
    expect(levels.map((e) => e.data.departmentId).sort()).toEqual(['escalations', 'support']);
    expect(new Set(levels.map((e) => e.data.level))).toEqual(new Set([0])); // one level, applied to each task
  });
});
