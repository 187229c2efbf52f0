import { Worker } from '@temporalio/worker';
import { ticketWorkflowId } from '../../domain/ticket';
import { createDataConverter } from '../../temporal/data-converter';
import { startHarness, workflowBundle, type Harness } from '../support/harness';
import { act, eventWhen, openTicket, ticketWhen } from '../support/tickets';

const MINUTE = 60_000;

// The history is recorded on the time-skipping server: the breach and the ladder are reached by skipping time.
describe('determinism: recorded ticket histories replay on the current workflow code', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      timeSkipping: true,
      sla: {
        targets: { firstResponseMinutes: 60 },
        ladder: [
          { afterMinutes: 0, actions: [{ type: 'notify_assignee' }] },
          { afterMinutes: 30, actions: [{ type: 'reassign_to_lead' }, { type: 'raise_priority' }] },
        ],
      },
    });
  });
  afterAll(async () => h?.stop());

  it('replays a ticket that breached, escalated, waited on the customer and was resolved', async () => {
    const { id } = await openTicket(h);
    await ticketWhen(id, (x) => x.status === 'assigned');
    await h.skipTime(91 * MINUTE); // breached at 60 min, ladder level 1 at 90
    await eventWhen(id, 'escalation.level', (e) => e.data.level === 1);
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
