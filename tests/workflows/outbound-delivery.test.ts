import { ticketWorkflowId } from '../../domain/ticket';
import { EmailOutboxModel } from '../../models/email-outbox.model';
import { eventually, type Harness } from '../support/harness';
import { DEFERRED, mailsTo, REFUSED, staffTimeline, startRefusingHarness, subjectOf, timelineEvent, type RcptAttempt } from '../support/refusing-smtp';
import { mailHeader, mailText, waitForMail } from '../support/smtp';
import type { SmtpRefusal } from '../../scripts/stack/smtp-catcher';
import { DepartmentModel } from '../../models/department.model';
import { SUPPORT } from '../support/test-config';
import { act, openTicket, readTicket, ticketBody, ticketWhen } from '../support/tickets';

const MINUTE = 60_000;
const OPS_ALERTS = 'ops-alerts@meridian.test';
const REPLY = /^Re: /;

describe('outbound delivery to the customer (time-skipping server)', () => {
  let h: Harness;
  let refusals: Map<string, SmtpRefusal>;
  let attempts: RcptAttempt[];
  beforeAll(async () => {
    ({ h, refusals, attempts } = await startRefusingHarness({
      env: { OPS_ALERT_EMAIL: OPS_ALERTS },
      sla: { targets: { resolutionMinutes: 240 }, reopenWindowMinutes: 60 },
    }));
  });
  afterEach(() => refusals.clear());
  afterAll(async () => h?.stop());

  const refusedAttempts = (address: string) => attempts.filter((a) => a.address === address && a.refused);

  /** Opens a ticket and waits until it is assigned and its acknowledgement reached the customer. */
  async function openAcknowledged() {
    const body = ticketBody();
    const email = body.customer.email as string;
    const opened = await openTicket(h, body);
    const t = await ticketWhen(opened.id, (x) => x.status === 'assigned');
    await waitForMail(h.smtp, (m) => m.envelope.to.includes(email) && subjectOf(m).startsWith('We received your request'));
    return { ...opened, email, taskId: t.task!.taskId, receivedAtMs: t.createdAt.getTime() };
  }

  it('records a reply and answers at once while the customer’s server defers it, then mails it exactly once', async () => {
    const { id, email, queryCode, trackingUrl } = await openAcknowledged();
    refusals.set(email, DEFERRED);

    const replied = await act(h, id, 'replies', { body: 'Your parcel left our warehouse this morning.' });
    expect(replied.status).toBe(200);
    const recorded = (await staffTimeline(h, id)).filter((e) => e.type === 'message.agent');
    expect(recorded).toEqual([expect.objectContaining({ data: expect.objectContaining({ body: 'Your parcel left our warehouse this morning.' }) })]);
    await eventually(async () => refusedAttempts(email).length > 0); // the reply went out and was deferred
    expect(mailsTo(h, email, REPLY)).toEqual([]);

    refusals.delete(email);
    await h.skipTime(15 * MINUTE); // past the next retry (they are at most 10 minutes apart)
    const mail = await waitForMail(h.smtp, (m) => m.envelope.to.includes(email) && REPLY.test(subjectOf(m)));
    const outbox = await EmailOutboxModel.find({ ticketId: id, purpose: 'agent-reply' }).lean();
    expect(outbox).toEqual([expect.objectContaining({ state: 'sent', messageId: mailHeader(mail, 'Message-ID') })]);
    expect(subjectOf(mail)).toContain(`[${queryCode}]`);
    const text = mailText(mail);
    expect(text).toContain('Your parcel left our warehouse this morning.');
    expect(text).toContain(`Your query code: ${queryCode}`);
    expect(text).toContain(trackingUrl);
    await h.skipTime(30 * MINUTE);
    expect(mailsTo(h, email, REPLY)).toHaveLength(1);
  });

  it('records delivery.failed for staff when the customer’s server refuses a reply for good, tries it once, and the ticket goes on', async () => {
    const { id, email, taskId, receivedAtMs } = await openAcknowledged();
    refusals.set(email, REFUSED);

    await act(h, id, 'replies', { body: 'We refunded your order.' }).expect(200);
    const failed = await timelineEvent(h, id, 'delivery.failed');
    expect(failed.data).toMatchObject({ kind: 'agent-reply', permanent: true });
    expect(failed.data.reason).toMatch(/550/);

    await h.skipTime(241 * MINUTE); // hours of retry time, and past the resolution target
    expect(refusedAttempts(email)).toHaveLength(1);
    const breach = await timelineEvent(h, id, 'sla.breached');
    expect(breach.data).toMatchObject({ clock: 'resolution', dueAtMs: receivedAtMs + 240 * MINUTE });
    await act(h, id, 'complete', { taskId, outcome: 'done' }).expect(200);
    await ticketWhen(id, (t) => t.status === 'resolved');
    expect(mailsTo(h, OPS_ALERTS, new RegExp(id))).toEqual([]); // a refusal is staff's to see, not an outage
  });

  it('retries a deferred reply with growing pauses for at most two hours, then records delivery.failed and alerts ops', async () => {
    const { id, email } = await openAcknowledged();
    refusals.set(email, DEFERRED);

    await act(h, id, 'replies', { body: 'Here is your invoice.' }).expect(200);
    await eventually(async () => refusedAttempts(email).length > 0);
    await h.skipTime(125 * MINUTE);
    const failed = await timelineEvent(h, id, 'delivery.failed');
    expect(failed.data).toMatchObject({ kind: 'agent-reply', permanent: false });

    const times = refusedAttempts(email).map((a) => a.atMs);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // Server times of the attempts (the delivery preset): 5 s, doubling, at most 10 minutes apart, for two hours.
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(Math.min(5_000 * 2 ** i, 10 * MINUTE)));
    expect(Math.max(...gaps)).toBeLessThan(11 * MINUTE);
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(110 * MINUTE);
    expect(times.at(-1)! - times[0]!).toBeLessThanOrEqual(120 * MINUTE);

    const alert = await waitForMail(h.smtp, (m) => m.envelope.to.includes(OPS_ALERTS) && subjectOf(m).includes(id));
    expect(mailText(alert)).toMatch(/An agent reply of ticket .* could not be delivered: .*451/);
    expect(mailsTo(h, email, REPLY)).toEqual([]);
  });

  it('finishes a reply still being retried when the ticket closes, and ends the ticket only after it went out', async () => {
    const { id, email, taskId } = await openAcknowledged();
    refusals.set(email, DEFERRED);
    await act(h, id, 'replies', { body: 'All done, closing this now.' }).expect(200);
    await act(h, id, 'complete', { taskId, outcome: 'done' }).expect(200);
    await ticketWhen(id, (t) => t.status === 'resolved');

    await h.skipTime(61 * MINUTE); // the reopen window ends well inside the two hours of delivery retries
    expect((await readTicket(id)).status).toBe('closed');
    const handle = h.client.workflow.getHandle(ticketWorkflowId(id));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect(mailsTo(h, email, REPLY)).toEqual([]);

    refusals.delete(email);
    await h.skipTime(15 * MINUTE);
    await waitForMail(h.smtp, (m) => m.envelope.to.includes(email) && REPLY.test(subjectOf(m)));
    expect(await handle.result()).toMatchObject({ status: 'closed' });
    expect(mailsTo(h, email, REPLY)).toHaveLength(1);
    expect((await staffTimeline(h, id)).map((e) => e.type)).not.toContain('delivery.failed');
  });
});

describe('escalation side effects that fail (time-skipping server)', () => {
  let h: Harness;
  let refusals: Map<string, SmtpRefusal>;
  let attempts: RcptAttempt[];
  beforeAll(async () => {
    ({ h, refusals, attempts } = await startRefusingHarness({
      sla: {
        targets: { firstResponseMinutes: 60, resolutionMinutes: 240 },
        ladder: [
          { afterMinutes: 0, actions: [{ type: 'notify_assignee' }] },
          { afterMinutes: 30, actions: [{ type: 'reassign_to_lead' }, { type: 'raise_priority' }] },
          { afterMinutes: 60, actions: [{ type: 'notify_ops' }] },
        ],
      },
    }));
  });
  afterAll(async () => h?.stop());

  /** Breaches and ladder levels of one clock as staff see them: `sla.breached`, `level:1`, `failed:0` … */
  const ladderOf = async (id: string, clock: string) =>
    (await staffTimeline(h, id))
      .filter((e) => e.data.clock === clock && e.type !== 'sla.warning')
      .map((e) => (e.type === 'escalation.level' ? `level:${e.data.level}` : e.type === 'escalation.failed' ? `failed:${e.data.level}` : e.type));

  it('records a refused escalation mail on its level and still climbs the ladder and breaches resolution on time', async () => {
    const { id } = await openTicket(h);
    const t = await ticketWhen(id, (x) => x.status === 'assigned');
    const assignee = SUPPORT.members.find((m) => m.id === t.task!.assigneeId)!.email;
    refusals.set(assignee, REFUSED);

    await h.skipTime(61 * MINUTE); // first response breached: level 0 cannot mail the assignee
    expect(await ladderOf(id, 'firstResponse')).toEqual(['sla.breached', 'level:0']);
    expect((await timelineEvent(h, id, 'escalation.level')).data).toMatchObject({ notified: [], refused: [`member:${t.task!.assigneeId}`] });
    expect(attempts.filter((a) => a.address === assignee)).toHaveLength(1);

    await h.skipTime(30 * MINUTE); // level 1 hands the task to the lead and raises the priority
    expect(await ladderOf(id, 'firstResponse')).toEqual(['sla.breached', 'level:0', 'level:1']);
    expect(await readTicket(id)).toMatchObject({ priority: 'high', task: { assigneeId: 'lena-lead' } });

    await h.skipTime(30 * MINUTE); // level 2 tells ops
    expect(await ladderOf(id, 'firstResponse')).toEqual(['sla.breached', 'level:0', 'level:1', 'level:2']);
    await waitForMail(h.smtp, (m) => m.envelope.to.includes('ops@staff.test') && m.raw.includes(id));

    await h.skipTime(120 * MINUTE); // 241 minutes: the resolution target is missed, and the lead is told
    const breach = (await staffTimeline(h, id)).find((e) => e.type === 'sla.breached' && e.data.clock === 'resolution');
    expect(breach?.data.dueAtMs).toBe(t.createdAt.getTime() + 240 * MINUTE);
    expect(await ladderOf(id, 'resolution')).toEqual(['sla.breached', 'level:0']);
    await waitForMail(h.smtp, (m) => m.envelope.to.includes('lena@staff.test') && m.raw.includes(id));
  });

  it('records escalation.failed when a level cannot be applied at all, and the other clocks go on', async () => {
    const { id } = await openTicket(h);
    const t = await ticketWhen(id, (x) => x.status === 'assigned');
    // The department disappears behind the API's back (a restore gone wrong): no level of its ladder can apply.
    const support = await DepartmentModel.findById('support').lean();
    await DepartmentModel.deleteOne({ _id: 'support' });
    try {
      await h.skipTime(61 * MINUTE);
      expect(await ladderOf(id, 'firstResponse')).toEqual(['sla.breached', 'failed:0']);
      expect((await timelineEvent(h, id, 'escalation.failed')).data.reason).toMatch(/CONFIGURATION_MISSING.*department support/);
      await h.skipTime(180 * MINUTE); // 241 minutes: the resolution clock breaches on time all the same
      const breach = (await staffTimeline(h, id)).find((e) => e.type === 'sla.breached' && e.data.clock === 'resolution');
      expect(breach?.data.dueAtMs).toBe(t.createdAt.getTime() + 240 * MINUTE);
      expect(await ladderOf(id, 'firstResponse')).toEqual(['sla.breached', 'failed:0', 'failed:1', 'failed:2']);
    } finally {
      await DepartmentModel.create(support!);
    }
  });
});
