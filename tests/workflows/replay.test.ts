import { Worker } from '@temporalio/worker';
import { ticketWorkflowId } from '../../domain/ticket';
import { createDataConverter } from '../../temporal/data-converter';
import { startHarness, workflowBundle, type Harness } from '../support/harness';
import { act, eventWhen, openTicket, ticketWhen } from '../support/tickets';

const SECOND = 1 / 60;

describe('determinism: recorded ticket histories replay on the current workflow code', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      sla: {
        targets: { firstResponseMinutes: 1 * SECOND },
        ladder: [
          { afterMinutes: 0, actions: [{ type: 'notify_assignee' }] },
          { afterMinutes: 1 * SECOND, actions: [{ type: 'reassign_to_lead' }, { type: 'raise_priority' }] },
        ],
      },
    });
  });
  afterAll(async () => h?.stop());

  it('replays a ticket that breached, escalated, waited on the customer and was resolved', async () => {
    const { id } = await openTicket(h);
    await eventWhen(id, 'escalation.level', (e) => e.data.level === 1, 15_000);
    await act(h, id, 'replies', { body: 'Answering now' }).expect(200);
    await act(h, id, 'info-requests', { body: 'Which order?' }).expect(200);
    await act(h, id, 'notes', { body: 'internal' }).expect(200);
    const t = await ticketWhen(id, (x) => x.status === 'waiting_customer');
    await act(h, id, 'complete', { taskId: t.task!.taskId, outcome: 'done' }).expect(200);
    await ticketWhen(id, (x) => x.status === 'resolved');
    const history = await h.client.workflow.getHandle(ticketWorkflowId(id)).fetchHistory();
    const replay = { workflowBundle: await workflowBundle(), dataConverter: createDataConverter(h.config) };
    await expect(Worker.runReplayHistory(replay, history, ticketWorkflowId(id))).resolves.toBeUndefined();
  });
});
