import request from 'supertest';
import { TaskModel } from '../../models/task.model';
import { TicketModel } from '../../models/ticket.model';
import { startHarness, type Harness } from '../support/harness';

const PRIORITY_RANK = { low: 0, normal: 1, high: 2, urgent: 3 } as const;

/** A ticket with one task, written to the read model as the workflow would have. */
async function taskOf(name: string, fields: { departmentId?: string; status: string; priority: keyof typeof PRIORITY_RANK; minute: number }) {
  const at = new Date(Date.UTC(2026, 2, 2, 9, fields.minute));
  await TicketModel.create({
    _id: `tkt_${name}`, customerId: 'cus_1', regionId: 'test-utc', channel: 'web', subject: `About ${name}`, description: '…', intake: 'started',
    status: 'assigned', priority: fields.priority, lastEventSeq: 2, breachCount: fields.minute, publicTimeline: [], createdAt: at, updatedAt: at,
  });
  await TaskModel.create({
    _id: `task_${name}`, ticketId: `tkt_${name}`, stepId: 'answer', title: `Answer ${name}`, departmentId: fields.departmentId ?? 'support',
    assigneeId: fields.status === 'open' ? null : 'alice', status: fields.status, outcome: null, allowedOutcomes: ['done'], priority: fields.priority,
    priorityRank: PRIORITY_RANK[fields.priority], dueAtMs: null, lastEventSeq: 2, createdAt: at, updatedAt: at,
  });
}

describe('a department inbox', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ worker: false });
    await taskOf('old-normal', { status: 'open', priority: 'normal', minute: 1 });
    await taskOf('claimed-high', { status: 'claimed', priority: 'high', minute: 2 });
    await taskOf('done-urgent', { status: 'done', priority: 'urgent', minute: 3 });
    await taskOf('open-urgent', { status: 'open', priority: 'urgent', minute: 4 });
    await taskOf('claimed-normal', { status: 'claimed', priority: 'normal', minute: 5 });
    await taskOf('elsewhere-urgent', { departmentId: 'billing', status: 'open', priority: 'urgent', minute: 6 });
  });
  afterAll(async () => h?.stop());

  const inbox = async (query: string) => {
    const res = await request(h.app).get(`/api/departments/support/tasks${query}`).set('Authorization', `Bearer ${h.adminKey}`).expect(200);
    return (res.body.items as Array<{ taskId: string; ticket: { subject: string; breachCount: number } }>).map((t) => [t.taskId, t.ticket.subject, t.ticket.breachCount]);
  };

  it('lists open and claimed tasks together, most urgent first and oldest first within a priority, with their tickets', async () => {
    expect(await inbox('')).toEqual([
      ['task_open-urgent', 'About open-urgent', 4],
      ['task_claimed-high', 'About claimed-high', 2],
      ['task_old-normal', 'About old-normal', 1],
      ['task_claimed-normal', 'About claimed-normal', 5],
    ]);
  });

  it('shows no more than the limit, taking the most urgent across both statuses', async () => {
    expect((await inbox('?limit=2')).map(([taskId]) => taskId)).toEqual(['task_open-urgent', 'task_claimed-high']);
  });

  it('lists one status, or one assignee, when asked', async () => {
    expect((await inbox('?status=done')).map(([taskId]) => taskId)).toEqual(['task_done-urgent']);
    expect((await inbox('?assignee=unassigned')).map(([taskId]) => taskId)).toEqual(['task_open-urgent', 'task_old-normal']);
  });
});
