import { randomUUID } from 'node:crypto';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import request from 'supertest';
import { IntakeRequestModel } from '../../models/intake-request.model';
import { admitTicket } from '../../services/intake/admit-ticket';
import { createLogger } from '../../config/logger';
import type { SmtpRefusal } from '../../scripts/stack/smtp-catcher';
import { workflowBundleConverters } from '../../temporal/data-converter';
import { startWorker } from '../../worker/worker';
import type { Harness } from '../support/harness';
import { REFUSED, staffTimeline, startRefusingHarness } from '../support/refusing-smtp';
import { SUPPORT } from '../support/test-config';
import { act, readTicket, ticketBody, ticketWhen } from '../support/tickets';

const MINUTE = 60_000;

// An installation upgraded from release 0.1.0 with tickets still open: those runs go on on the frozen 0.1.0 workflow
// code (workflows/legacy/v0-1), which calls today's activities and cannot handle failures they did not have then.
describe('tickets opened by release 0.1.0, after the upgrade, when mail is refused (time-skipping server)', () => {
  let h: Harness;
  let refusals: Map<string, SmtpRefusal>;
  beforeAll(async () => {
    ({ h, refusals } = await startRefusingHarness({
      worker: false,
      sla: {
        targets: { firstResponseMinutes: 60 },
        ladder: [
          { afterMinutes: 0, actions: [{ type: 'notify_assignee' }] },
          { afterMinutes: 30, actions: [{ type: 'reassign_to_lead' }, { type: 'raise_priority' }] },
        ],
      },
    }));
  });
  afterAll(async () => h?.stop());

  /** Opens a ticket on a 0.1.0 worker, then hands the task queue to a current worker, as an upgrade does. */
  async function openOnRelease010(body = ticketBody()) {
    const legacyBundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../support/legacy-workflows'),
      ...workflowBundleConverters,
      logger: new DefaultLogger('WARN'),
    });
    // No workflow cache, so no sticky task queue: the time-skipping server would keep the ticket's next task there.
    const config = { ...h.config, worker: { maxCachedWorkflows: 0 } };
    const legacy = await startWorker(config, createLogger({ level: 'silent' }), { workflowBundle: legacyBundle, databaseConnected: true });
    try {
      // Release 0.1.0's intake wrote the ticket itself before starting the workflow; today's API leaves it to the
      // workflow's first step, which 0.1.0's code does not have: write it as that intake did.
      const res = await request(h.app).post('/api/tickets').set('Idempotency-Key', randomUUID()).send(body).expect(201);
      const id = res.body.id as string;
      const intake = await IntakeRequestModel.findOne({ ticketId: id }).lean();
      await admitTicket({ ticketId: id, intakeId: intake!._id });
      const t = await ticketWhen(id, (x) => x.status === 'assigned');
      return { id, email: body.customer.email, assignee: SUPPORT.members.find((m) => m.id === t.task!.assigneeId)!.email };
    } finally {
      await legacy.shutdown();
      await h.startWorker();
    }
  }

  it('still climbs the escalation ladder when the assignee’s address is refused for good', async () => {
    const { id, assignee } = await openOnRelease010();
    refusals.set(assignee, REFUSED);

    await h.skipTime(61 * MINUTE); // breached: level 0 cannot mail the assignee, and says so by notifying nobody
    await h.skipTime(30 * MINUTE); // level 1 hands the task to the lead
    const levels = (await staffTimeline(h, id)).filter((e) => e.type === 'escalation.level');
    expect(levels.map((e) => [e.data.level, e.data.notified])).toEqual([
      [0, []],
      [1, []],
    ]);
    expect(await readTicket(id)).toMatchObject({ priority: 'high', task: { assigneeId: 'lena-lead' } });
    await act(h, id, 'notes', { body: 'Lena takes over.' }).expect(200);
  });

  it('answers the staff member’s reply when the customer’s address is refused for good, and records it once', async () => {
    const { id, email } = await openOnRelease010();
    refusals.set(email, REFUSED);

    const reply = () => act(h, id, 'replies', { body: 'We are on it.' }).set('Idempotency-Key', `reply-${id}`);
    expect((await reply()).status).toBe(200);
    expect((await reply()).status).toBe(200); // a retry gets the same answer
    expect((await staffTimeline(h, id)).filter((e) => e.type === 'message.agent')).toHaveLength(1);
  });
});
