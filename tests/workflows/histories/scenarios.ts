/** The lifecycle paths whose histories are recorded for replay: each drives one real ticket to the end of its path. */
import request from 'supertest';
import { createApiKey } from '../../../api/middleware/auth';
import { ticketWorkflowId } from '../../../domain/ticket';
import { eventually, type Harness } from '../../support/harness';
import { seedTwoTeamsProcess } from '../../support/parallel-process';
import type { TestSla } from '../../support/test-config';
import { TEST_REGION } from '../../support/test-config';
import { act, eventWhen, openTicket, ticketBody, ticketWhen } from '../../support/tickets';

const SECOND = 1 / 60; // SLA minutes per second

export interface Scenario {
  name: string;
  sla?: TestSla;
  env?: Record<string, string>;
  /** Drives a ticket until it is closed; returns its id. */
  drive(h: Harness): Promise<string>;
}

const closesQuickly: TestSla = { reopenWindowMinutes: 2 * SECOND };

async function assigned(h: Harness, body = ticketBody()) {
  const opened = await openTicket(h, body);
  const t = await ticketWhen(opened.id, (x) => x.status === 'assigned');
  return { ...opened, taskId: t.task!.taskId };
}

async function completeAndClose(h: Harness, id: string, taskId: string): Promise<void> {
  await act(h, id, 'complete', { taskId, outcome: 'done' }).expect(200);
  await ticketWhen(id, (x) => x.status === 'closed', 30_000);
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'breach-ladder',
    sla: {
      ...closesQuickly,
      targets: { firstResponseMinutes: 1 * SECOND, nextResponseMinutes: 60, resolutionMinutes: 60 },
      warningAtPercent: 50,
      ladder: [
        { afterMinutes: 0, actions: [{ type: 'notify_assignee' }] },
        { afterMinutes: 1 * SECOND, actions: [{ type: 'reassign_to_lead' }, { type: 'raise_priority' }] },
        { afterMinutes: 2 * SECOND, actions: [{ type: 'reassign_to_department' }, { type: 'notify_ops' }] },
      ],
    },
    async drive(h) {
      const { id, taskId } = await assigned(h);
      await eventWhen(id, 'escalation.level', (e) => e.data.clock === 'firstResponse' && e.data.level === 2, 30_000);
      await act(h, id, 'replies', { body: 'Sorry for the wait, looking now.' }).expect(200);
      await completeAndClose(h, id, taskId);
      return id;
    },
  },
  {
    name: 'pause-resume',
    sla: { ...closesQuickly, targets: { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 60 } },
    async drive(h) {
      const { id, queryCode, taskId } = await assigned(h);
      await act(h, id, 'info-requests', { body: 'Which order number?' }).expect(200);
      await ticketWhen(id, (x) => x.status === 'waiting_customer');
      await request(h.app).post(`/api/track/${queryCode}/messages`).send({ body: 'Order 4711' }).expect(201);
      await ticketWhen(id, (x) => x.status === 'assigned' && x.sla.resolution?.status === 'running' && x.sla.resolution.dueAtMs !== null);
      await act(h, id, 'replies', { body: 'Found it, refunding.' }).expect(200);
      await act(h, id, 'notes', { body: 'refund issued by hand' }).expect(200);
      await completeAndClose(h, id, taskId);
      return id;
    },
  },
  {
    name: 'reopen',
    sla: { reopenWindowMinutes: 4 * SECOND },
    async drive(h) {
      const { id, queryCode, taskId } = await assigned(h);
      await act(h, id, 'replies', { body: 'Done, please check.' }).expect(200);
      await act(h, id, 'complete', { taskId, outcome: 'done' }).expect(200);
      await ticketWhen(id, (x) => x.status === 'resolved');
      await request(h.app).post(`/api/track/${queryCode}/messages`).send({ body: 'It broke again.' }).expect(201);
      const reopened = await ticketWhen(id, (x) => x.status === 'assigned' && x.reopenCount === 1);
      await act(h, id, 'claim', { taskId: reopened.task!.taskId, memberId: 'bruno' }).expect(200);
      await act(h, id, 'replies', { body: 'Fixed for good now.' }).expect(200);
      await completeAndClose(h, id, reopened.task!.taskId);
      return id;
    },
  },
  {
    name: 'process-steps-close',
    sla: closesQuickly,
    async drive(h) {
      const { id, taskId } = await assigned(h);
      await act(h, id, 'complete', { taskId, outcome: 'escalate' }).expect(200);
      const moved = await ticketWhen(id, (x) => x.task?.departmentId === 'escalations');
      await completeAndClose(h, id, moved.task!.taskId);
      return id;
    },
  },
  {
    name: 'continue-as-new',
    sla: closesQuickly,
    env: { TICKET_HISTORY_LIMIT: '60' },
    async drive(h) {
      const { id, taskId } = await assigned(h);
      const handle = h.client.workflow.getHandle(ticketWorkflowId(id));
      const firstRun = (await handle.describe()).runId;
      for (let i = 0; i < 10; i++) await act(h, id, 'notes', { body: `note ${i}` }).expect(200);
      await eventually(async () => (await handle.describe()).runId !== firstRun);
      await act(h, id, 'replies', { body: 'Still with you' }).expect(200);
      await completeAndClose(h, id, taskId);
      return id;
    },
  },
  {
    name: 'needs-attention',
    sla: closesQuickly,
    async drive(h) {
      const put = (path: string, body: object) => request(h.app).put(path).set('Authorization', `Bearer ${h.adminKey}`).send(body);
      await put('/api/regions/record-moon', { ...TEST_REGION, id: 'record-moon', name: 'Moon' }).expect(201);
      const opened = await openTicket(h, ticketBody({}, { regionId: 'record-moon' }));
      await ticketWhen(opened.id, (t) => t.status === 'needs_attention');
      await act(h, opened.id, 'replies', { body: 'We are on it.' }).expect(200); // before triage could finish
      const targets = { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 600 };
      await put('/api/sla-policies/record-moon', { id: 'record-moon', name: 'Moon', regionId: 'record-moon', reopenWindowMinutes: 2 * SECOND, targets: { low: targets, normal: targets, high: targets, urgent: targets } }).expect(201);
      const t = await ticketWhen(opened.id, (x) => x.status === 'assigned', 30_000);
      await completeAndClose(h, opened.id, t.task!.taskId);
      return opened.id;
    },
  },
  {
    // Release 0.4: a process with an approval step (answered through the API), a priority change that re-targets the
    // clocks, then resolution and close.
    name: 'approval-priority',
    sla: closesQuickly,
    async drive(h) {
      const opened = await openTicket(h, ticketBody({ subject: 'signoffme: please approve' }));
      const checked = await ticketWhen(opened.id, (x) => x.task?.stepId === 'check');
      await act(h, opened.id, 'priority', { priority: 'high', reason: 'VIP order' }).expect(200);
      await act(h, opened.id, 'complete', { taskId: checked.task!.taskId, outcome: 'done' }).expect(200);
      await ticketWhen(opened.id, (x) => x.approvals?.[0]?.levels[0]?.status === 'pending');
      const { key } = await createApiKey({ name: 'lena', role: 'agent', departmentIds: ['support'], memberId: 'lena-lead' }, h.config.secret);
      await request(h.app).post(`/api/tickets/${opened.id}/approvals/sign-off-1/approve`).set('Authorization', `Bearer ${key}`).send({ reason: 'Looks right' }).expect(200);
      await ticketWhen(opened.id, (x) => x.status === 'closed', 30_000);
      return opened.id;
    },
  },
  {
    name: 'delivery-failed',
    sla: closesQuickly,
    async drive(h) {
      const body = ticketBody();
      h.smtp.refuseRecipients((address) => (address === body.customer.email ? { code: 550, message: 'no such mailbox' } : undefined));
      try {
        const { id, taskId } = await assigned(h, body);
        await act(h, id, 'replies', { body: 'Here is your answer.' }).expect(200);
        await eventWhen(id, 'delivery.failed', (e) => e.data.kind === 'agent-reply');
        await completeAndClose(h, id, taskId);
        return id;
      } finally {
        h.smtp.refuseRecipients(null);
      }
    },
  },
  {
    name: 'parallel-branches',
    sla: closesQuickly,
    async drive(h) {
      await seedTwoTeamsProcess();
      const opened = await openTicket(h, ticketBody({ subject: 'twoteams: both of you please' }));
      const both = await ticketWhen(opened.id, (x) => (x.tasks ?? []).length === 2);
      const [identity, account] = both.tasks!;
      await act(h, opened.id, 'claim', { taskId: account!.taskId, memberId: 'eve' }).expect(200);
      await act(h, opened.id, 'complete', { taskId: identity!.taskId, outcome: 'done' }).expect(200);
      const second = await ticketWhen(opened.id, (x) => (x.tasks ?? []).some((t) => t.title === 'Confirm the refund'));
      await act(h, opened.id, 'complete', { taskId: account!.taskId, outcome: 'restricted' }).expect(200);
      await act(h, opened.id, 'complete', { taskId: second.tasks!.find((t) => t.title === 'Confirm the refund')!.taskId, outcome: 'done' }).expect(200);
      const wrap = await ticketWhen(opened.id, (x) => x.task?.stepId === 'wrap-up');
      await completeAndClose(h, opened.id, wrap.task!.taskId);
      return opened.id;
    },
  },
];
