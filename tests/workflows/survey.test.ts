/**
 * The satisfaction survey after resolution (time-skipping server): sent at the customer's next allowed local time in
 * their language, a vote only on an explicit submit, one vote, a low score opens a follow-up task, silence closes it.
 */
import { DateTime } from 'luxon';
import request from 'supertest';
import type { ProcessBody } from '../../domain/processes/process';
import { createProcessVersion } from '../../models/process.model';
import { saveRegion } from '../../models/region.model';
import { saveTriageRules } from '../../models/triage-rules.model';
import { startHarness, type Harness } from '../support/harness';
import { mailHeader, mailText, waitForMail } from '../support/smtp';
import { TEST_REGION, TRIAGE_RULES } from '../support/test-config';
import { act, eventsOf, eventWhen, openTicket, ticketBody, ticketWhen } from '../support/tickets';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SURVEYED: ProcessBody = {
  id: 'surveyed',
  name: 'Surveyed',
  steps: [{ id: 'handle', type: 'task', title: 'Answer', departmentId: 'support', requiredSkills: [], outcomes: ['done'], next: {} }],
  survey: { followUpDepartmentId: 'escalations', lowScoreAtMost: 2 },
};

describe('satisfaction survey (time-skipping server)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ timeSkipping: true, sla: { reopenWindowMinutes: 60 } });
    await saveRegion({ ...TEST_REGION, quietHours: { start: '21:00', end: '09:00', days: [] } }, { actor: 'test' });
    await createProcessVersion(SURVEYED, { actor: 'test' });
    await saveTriageRules({ ...TRIAGE_RULES, categories: [{ id: 'surveyed', name: 'Surveyed', processId: 'surveyed', keywords: { '*': ['survey'] }, patterns: [], minPriority: 'normal' }, ...TRIAGE_RULES.categories] }, { actor: 'test' });
  });
  afterAll(async () => h?.stop());

  async function openIn(timeZone: string, language = 'en') {
    const opened = await openTicket(h, ticketBody({ subject: 'survey me: my parcel' }, { timeZone, language }));
    const t = await ticketWhen(opened.id, (x) => x.task?.stepId === 'handle');
    return { ...opened, taskId: t.task!.taskId };
  }
  const resolve = async (t: { id: string; taskId: string }) => {
    await act(h, t.id, 'complete', { taskId: t.taskId, outcome: 'done' }).expect(200);
    await ticketWhen(t.id, (x) => x.status === 'resolved');
  };
  const surveyMail = (id: string) => waitForMail(h.smtp, (m) => mailHeader(m, 'x-meridian-ticket') === id && /\/survey\//.test(mailText(m)), 20_000);
  const tokenOf = (text: string) => /\/survey\/([A-Za-z0-9_.-]+)/.exec(text)![1]!;
  const vote = (token: string, body: object) => request(h.app).post(`/api/surveys/${token}`).send(body);

  it('sends each survey at 09:00 in the customer’s own zone after a resolution at 23:30 Manila time', async () => {
    const tickets = { 'Asia/Manila': await openIn('Asia/Manila', 'fil'), 'Europe/Berlin': await openIn('Europe/Berlin', 'de'), 'America/Sao_Paulo': await openIn('America/Sao_Paulo', 'pt-BR') };
    const now = DateTime.fromMillis(await h.serverTime(), { zone: 'Asia/Manila' });
    let at = now.set({ hour: 23, minute: 30, second: 0, millisecond: 0 });
    if (at <= now) at = at.plus({ days: 1 });
    await h.skipTime(at.toMillis() - now.toMillis());
    for (const t of Object.values(tickets)) await resolve(t);
    // 23:30 Manila is 16:30 in Berlin (allowed: sent at once) and 12:30 in São Paulo (allowed); Manila waits for 09:00.
    const table: Array<[string, string]> = [];
    for (const [zone, t] of Object.entries(tickets)) {
      if (zone !== 'Asia/Manila') {
        await surveyMail(t.id);
        const sent = await eventWhen(t.id, 'survey.sent');
        table.push([zone, DateTime.fromJSDate(sent.at, { zone }).toFormat('HH:mm')]);
      }
    }
    expect((await eventsOf(tickets['Asia/Manila'].id)).some((e) => e.type === 'survey.sent')).toBe(false);
    await h.skipTime(9 * HOUR + 31 * MINUTE);
    const manila = await surveyMail(tickets['Asia/Manila'].id);
    expect(mailHeader(manila, 'content-language')).toBe('fil');
    const sent = await eventWhen(tickets['Asia/Manila'].id, 'survey.sent');
    table.push(['Asia/Manila', DateTime.fromJSDate(sent.at, { zone: 'Asia/Manila' }).toFormat('HH:mm')]);
    expect(Object.fromEntries(table)).toEqual({ 'Europe/Berlin': '16:30', 'America/Sao_Paulo': '12:30', 'Asia/Manila': '09:00' });
  });

  it('records nothing when a scanner opens the link (GET, HEAD), then one vote from the form; a second vote is refused', async () => {
    const now = DateTime.fromMillis(await h.serverTime(), { zone: 'Europe/Berlin' });
    const t = await openIn(now.hour >= 9 && now.hour < 20 ? 'Europe/Berlin' : 'UTC', 'de');
    await resolve(t);
    await h.skipTime(12 * HOUR); // past any quiet hours
    const token = tokenOf(mailText(await surveyMail(t.id)));
    const page = await request(h.app).get(`/survey/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain(`action="/api/surveys/${token}"`);
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    expect(page.text).toContain('<html lang="de" dir="ltr">'); // in the ticket's language, as the survey mail was
    expect(page.text).toContain('Zu Ihrer Anfrage „survey me: my parcel“: Wie zufrieden sind Sie mit unserer Hilfe?');
    await request(h.app).head(`/survey/${token}`).expect(200);
    await request(h.app).get(`/survey/${token}`).set('Purpose', 'prefetch').expect(200);
    expect((await eventsOf(t.id)).some((e) => e.type === 'survey.answered')).toBe(false);

    const form = await request(h.app).post(`/api/surveys/${token}`).type('form').send({ score: '5', comment: 'Quick and kind' });
    expect(form.status).toBe(200);
    expect(form.text).toContain('Ihre Bewertung wurde gespeichert.');
    const answered = await eventWhen(t.id, 'survey.answered');
    expect(answered.data).toMatchObject({ score: 5, comment: 'Quick and kind', low: false });
    const again = await vote(token, { score: 1 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SURVEY_ANSWERED');
    expect((await vote(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, { score: 3 })).status).toBe(404); // a forged token
    expect((await vote(token, { score: 6 })).status).toBe(400);
  });

  it('takes a vote sent while the mail server has not yet confirmed the survey mail (a quick customer)', async () => {
    const t = await openIn('UTC');
    await resolve(t);
    await waitForMail(h.smtp, (m) => mailHeader(m, 'x-meridian-ticket') === t.id && /resolved/.test(mailHeader(m, 'subject') ?? ''), 20_000); // goes at once
    let release!: () => void;
    h.smtp.holdAcceptance(new Promise<void>((r) => (release = r)));
    // Past any quiet hours; the skip ends only once the (held) delivery has finished, so it is awaited after the vote.
    const skipped = h.skipTime(12 * HOUR);
    try {
      const token = tokenOf(mailText(await surveyMail(t.id))); // in the customer's hands; the delivery still waits for 250
      const quick = await vote(token, { score: 4, comment: 'Fast!' });
      expect(quick.status).toBe(200);
    } finally {
      h.smtp.holdAcceptance(null);
      release();
      await skipped;
    }
    const sent = await eventWhen(t.id, 'survey.sent');
    const answered = await eventWhen(t.id, 'survey.answered');
    expect(answered.seq).toBeLessThan(sent.seq);
    const view = await ticketWhen(t.id, (x) => x.survey?.sentAtMs !== null && x.survey?.sentAtMs !== undefined);
    expect(view.survey).toMatchObject({ status: 'answered', score: 4, comment: 'Fast!' });
  });

  it('opens a follow-up task for the quality department on a score of 2, even after the ticket closed', async () => {
    const t = await openIn('UTC');
    await resolve(t);
    await h.skipTime(13 * HOUR); // past the quiet hours and the 60-minute reopen window: closed
    await ticketWhen(t.id, (x) => x.status === 'closed');
    const token = tokenOf(mailText(await surveyMail(t.id)));
    expect((await vote(token, { score: 2, comment: 'Slow answers' })).status).toBe(200);
    const followUp = await ticketWhen(t.id, (x) => x.status === 'assigned' && x.task?.departmentId === 'escalations');
    expect(followUp.task?.title).toBe('Follow up on a low satisfaction score');
    await act(h, t.id, 'complete', { taskId: followUp.task!.taskId, outcome: 'done' }).expect(200);
    await ticketWhen(t.id, (x) => x.status === 'resolved');
    expect((await eventsOf(t.id)).filter((e) => e.type === 'survey.sent')).toHaveLength(1); // no second survey
  });

  it('closes the survey after seven days without an answer; a late vote is refused', async () => {
    const t = await openIn('UTC');
    await resolve(t);
    await h.skipTime(13 * HOUR);
    const token = tokenOf(mailText(await surveyMail(t.id)));
    await h.skipTime(7 * 24 * HOUR);
    await eventWhen(t.id, 'survey.expired');
    const late = await vote(token, { score: 4 });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('SURVEY_CLOSED');
  });
});
