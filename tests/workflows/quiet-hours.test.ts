/**
 * Messages that can wait respect the region's quiet hours in the customer's own zone (time-skipping server): a refund
 * confirmation queued at night waits, durably, for the morning; an agent's reply queued meanwhile goes at once.
 */
import { DateTime } from 'luxon';
import type { ProcessBody } from '../../domain/processes/process';
import { createProcessVersion } from '../../models/process.model';
import { saveRegion } from '../../models/region.model';
import { saveTriageRules } from '../../models/triage-rules.model';
import { startHarness, type Harness } from '../support/harness';
import { mailHeader, mailText, waitForMail } from '../support/smtp';
import { TEST_REGION, TRIAGE_RULES } from '../support/test-config';
import { act, eventWhen, openTicket, ticketBody, ticketWhen } from '../support/tickets';

const MINUTE = 60_000;
const ZONE = 'Asia/Manila';

const NOTIFY_PROCESS: ProcessBody = {
  id: 'refund-notice',
  name: 'Refund notice',
  steps: [
    { id: 'handle', type: 'task', title: 'Refund by hand', departmentId: 'support', requiredSkills: [], outcomes: ['done'], next: {} },
    { id: 'tell', type: 'notify', template: 'refund-done', next: {} },
  ],
};

describe('quiet hours (time-skipping server)', () => {
  let h: Harness;
  let releaseAtMs: number;
  beforeAll(async () => {
    h = await startHarness({ timeSkipping: true });
    // Quiet from an hour before the server's "now" in Manila until three hours after it (whatever the real hour).
    const now = DateTime.fromMillis(await h.serverTime(), { zone: ZONE });
    const start = now.minus({ hours: 1 }).toFormat('HH:mm');
    const end = now.plus({ hours: 3 }).startOf('minute');
    releaseAtMs = end.toMillis();
    await saveRegion({ ...TEST_REGION, quietHours: { start, end: end.toFormat('HH:mm'), days: [] } }, { actor: 'test' });
    await createProcessVersion(NOTIFY_PROCESS, { actor: 'test' });
    await saveTriageRules({ ...TRIAGE_RULES, categories: [{ id: 'notice', name: 'Notice', processId: 'refund-notice', keywords: { '*': ['notice'] }, patterns: [], minPriority: 'normal' }, ...TRIAGE_RULES.categories] }, { actor: 'test' });
  });
  afterAll(async () => h?.stop());

  it('holds a refund confirmation until the quiet hours end in the customer’s zone, while a reply goes at once', async () => {
    const body = ticketBody({ subject: 'notice: refund my order', refund: { amount: 2_500, currency: 'PHP', paymentId: 'pi_quiet' } }, { timeZone: ZONE });
    const opened = await openTicket(h, body);
    const ack = await waitForMail(h.smtp, (m) => mailHeader(m, 'x-meridian-ticket') === opened.id, 15_000); // acknowledgements go at once
    expect(mailText(ack)).toContain(opened.queryCode);
    const t = await ticketWhen(opened.id, (x) => x.task?.stepId === 'handle');
    await act(h, opened.id, 'complete', { taskId: t.task!.taskId, outcome: 'done' }).expect(200);
    await eventWhen(opened.id, 'customer.notified');
    await ticketWhen(opened.id, (x) => x.status === 'resolved');

    await act(h, opened.id, 'replies', { body: 'The refund is on its way.' }).expect(200);
    await waitForMail(h.smtp, (m) => mailHeader(m, 'x-meridian-ticket') === opened.id && mailText(m).includes('The refund is on its way.'), 15_000);
    const refundMail = (m: Parameters<typeof mailText>[0]) => mailHeader(m, 'x-meridian-ticket') === opened.id && /₱|PHP/.test(mailText(m)) && !mailText(m).includes('on its way');
    expect(h.smtp.messages.filter(refundMail)).toHaveLength(0);

    await h.skipTime(releaseAtMs - (await h.serverTime()) - 10 * MINUTE); // ten minutes before the window ends
    expect(h.smtp.messages.filter(refundMail)).toHaveLength(0);
    await h.skipTime(11 * MINUTE);
    const mail = await waitForMail(h.smtp, refundMail, 15_000);
    expect(mailText(mail)).toMatch(/25\.00/);
    expect(h.smtp.messages.filter(refundMail)).toHaveLength(1);
  });
});
