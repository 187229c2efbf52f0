import request from 'supertest';
import { createApiKey } from '../../api/middleware/auth';
import { TicketModel } from '../../models/ticket.model';
import { startHarness, type Harness } from '../support/harness';
import { act, eventsOf, eventWhen, openTicket, readTicket, ticketWhen } from '../support/tickets';

const MINUTE = 60_000;

/** Who may act is decided by the ticket as the workflow holds it, not by a read model that may lag behind it. */
describe('authorization follows the task: an escalation that moves it to another department', () => {
  let h: Harness;
  const keys = { alice: '', eve: '' };
  beforeAll(async () => {
    h = await startHarness({
      timeSkipping: true,
      sla: {
        targets: { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 6000 },
        ladder: [{ afterMinutes: 0, actions: [{ type: 'reassign_to_department' }] }],
      },
    });
    const agent = async (departmentId: string, memberId: string) =>
      (await createApiKey({ name: memberId, role: 'agent', departmentIds: [departmentId], memberId }, h.config.secret)).key;
    keys.alice = await agent('support', 'alice');
    keys.eve = await agent('escalations', 'eve');
  });
  afterAll(async () => h?.stop());

  const escalatedTicket = async () => {
    const { id } = await openTicket(h);
    await ticketWhen(id, (t) => t.status === 'assigned' && t.task?.departmentId === 'support');
    await h.skipTime(61 * MINUTE); // first response breached: level 0 hands the task to the escalation department
    await eventWhen(id, 'escalation.level', (e) => e.data.departmentId === 'escalations');
    return { id, task: (await ticketWhen(id, (t) => t.task?.departmentId === 'escalations')).task! };
  };

  it('keeps the earlier department’s read access, and only the new department may act', async () => {
    const { id } = await escalatedTicket();
    expect((await readTicket(id)).departmentIds).toEqual(expect.arrayContaining(['support', 'escalations']));
    await request(h.app).get(`/api/tickets/${id}`).set('Authorization', `Bearer ${keys.alice}`).expect(200);
    expect((await act(h, id, 'replies', { body: 'Still mine?' }, keys.alice)).status).toBe(404);
    await act(h, id, 'replies', { body: 'Escalations here, taking over.' }, keys.eve).expect(200);
  });

  it('refuses the department that just lost the ticket even while the read model still shows it holding the task', async () => {
    const { id, task } = await escalatedTicket();
    // The read model lags behind the workflow (as it may for a moment after a reassignment).
    await TicketModel.updateOne({ _id: id }, { $set: { 'task.departmentId': 'support', 'task.assigneeId': 'alice' } });
    const before = await readTicket(id);
    for (const [action, body] of [
      ['claim', { taskId: task.taskId }],
      ['replies', { body: 'I think this is still mine' }],
      ['notes', { body: 'internal' }],
      ['complete', { taskId: task.taskId, outcome: 'done' }],
    ] as const) {
      const res = await act(h, id, action, body, keys.alice);
      expect({ action, status: res.status, code: res.body.code }).toEqual({ action, status: 404, code: 'TICKET_NOT_FOUND' });
    }
    expect((await eventsOf(id)).length).toBe(before.lastEventSeq); // nothing was recorded
  });
});
