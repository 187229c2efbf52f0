import { ticketWorkflowId } from '../../domain/ticket';
import { eventually, startHarness, type Harness } from '../support/harness';
import { seedTwoTeamsProcess } from '../support/parallel-process';
import { act, eventsOf, openTicket, readTicket, ticketBody, ticketWhen } from '../support/tickets';

describe('long-lived tickets continue as new without losing anything', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { TICKET_HISTORY_LIMIT: '40' } });
    await seedTwoTeamsProcess();
  });
  afterAll(async () => h?.stop());

  it('keeps the task, the SLA clocks and the event sequence across a new run', async () => {
    const { id } = await openTicket(h);
    const before = await ticketWhen(id, (t) => t.status === 'assigned');
    const firstRun = (await h.client.workflow.getHandle(ticketWorkflowId(id)).describe()).runId;
    for (let i = 0; i < 10; i++) await act(h, id, 'notes', { body: `note ${i}` }).expect(200);
    await eventually(async () => (await h.client.workflow.getHandle(ticketWorkflowId(id)).describe()).runId !== firstRun);

    await act(h, id, 'replies', { body: 'Still with you' }).expect(200);
    const t = await readTicket(id);
    expect(t.task?.taskId).toBe(before.task?.taskId);
    expect(t.sla.firstResponse?.status).toBe('met');
    expect(t.sla.resolution?.dueAtMs).toBe(before.sla.resolution?.dueAtMs);

    await act(h, id, 'complete', { taskId: before.task!.taskId, outcome: 'done' }).expect(200);
    await ticketWhen(id, (x) => x.status === 'resolved');
    const events = await eventsOf(id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'note.internal')).toHaveLength(10);
    expect(events.filter((e) => e.type === 'ticket.created')).toHaveLength(1);
  });

  it('answers a request retried after continue-as-new with its first answer, recording nothing twice', async () => {
    const { id } = await openTicket(h);
    const t = await ticketWhen(id, (x) => x.status === 'assigned');
    const handle = h.client.workflow.getHandle(ticketWorkflowId(id));
    const firstRun = (await handle.describe()).runId;
    const reply = () => act(h, id, 'replies', { body: 'On it!' }).set('Idempotency-Key', 'reply-across-runs');
    const claim = () => act(h, id, 'claim', { taskId: t.task!.taskId, memberId: 'bruno' }).set('Idempotency-Key', 'claim-across-runs');
    const first = await reply().expect(200);
    const claimed = await claim().expect(200);
    for (let i = 0; i < 10; i++) await act(h, id, 'notes', { body: `note ${i}` }).expect(200);
    await eventually(async () => (await handle.describe()).runId !== firstRun);

    // The client never saw the answers (a timeout, say) and retries both with the same keys, now in the new run.
    expect((await reply().expect(200)).body.seq).toBe(first.body.seq);
    expect((await claim().expect(200)).body.seq).toBe(claimed.body.seq);
    const events = await eventsOf(id);
    expect(events.filter((e) => e.type === 'message.agent')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'task.claimed')).toHaveLength(1);
  });

  it('keeps a parallel step’s open branch tasks across a new run, and finishes the step after it', async () => {
    const { id } = await openTicket(h, ticketBody({ subject: 'twoteams: across runs' }));
    const before = await ticketWhen(id, (t) => (t.tasks ?? []).length === 2);
    const [identity, account] = before.tasks!;
    const handle = h.client.workflow.getHandle(ticketWorkflowId(id));
    const firstRun = (await handle.describe()).runId;
    await act(h, id, 'claim', { taskId: account!.taskId, memberId: 'eve' }).expect(200);
    for (let i = 0; i < 10; i++) await act(h, id, 'notes', { body: `note ${i}` }).expect(200);
    await eventually(async () => (await handle.describe()).runId !== firstRun);

    await act(h, id, 'complete', { taskId: account!.taskId, outcome: 'restricted' }).expect(200);
    await act(h, id, 'complete', { taskId: identity!.taskId, outcome: 'done' }).expect(200);
    const second = await ticketWhen(id, (t) => (t.tasks ?? []).some((x) => x.title === 'Confirm the refund'));
    await act(h, id, 'complete', { taskId: second.tasks!.find((x) => x.title === 'Confirm the refund')!.taskId, outcome: 'done' }).expect(200);
    await ticketWhen(id, (t) => t.task?.stepId === 'wrap-up');
    const events = await eventsOf(id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'task.created')).toHaveLength(4); // nothing opened twice by the new run
    expect(events.find((e) => e.type === 'task.claimed')?.data).toMatchObject({ taskId: account!.taskId, memberId: 'eve' });
  });
});
