/**
 * The approvals inbox on the real stack: refund tickets go through the refund process, approvers answer through the
 * API, and each approver's GET /api/approvals shows exactly what waits for their answer; ops see every approval.
 */
import request from 'supertest';
import { createApiKey } from '../../api/middleware/auth';
import { memberKeys, refundBody, seedRefundConfiguration } from '../support/approval-config';
import { startHarness, type Harness } from '../support/harness';
import { act, openTicket, ticketBody, ticketWhen } from '../support/tickets';

interface Item {
  ticketId: string;
  approvalId: string;
  status: string;
  currentLevel: { name: string; departmentId: string; dueAt: string | null; waitingOn: string[] } | null;
  yourAnswer: { decision: string } | null;
}

describe('the approvals inbox (real stack)', () => {
  let h: Harness;
  let keys: Record<string, string>;
  let opsKey: string;
  let memberlessKey: string;
  /** oneLead: 50.00 USD waiting for a team lead. financeBoth / financeFinn: 500.00 USD at the finance level. */
  const t = { oneLead: '', secondLead: '', financeBoth: '', financeFinn: '', rejected: '', auto: '' };

  const answer = (id: string, decision: 'approve' | 'reject', member: string) =>
    request(h.app).post(`/api/tickets/${id}/approvals/refund-approval-1/${decision}`).set('Authorization', `Bearer ${keys[member]}`).send({ reason: 'Checked the order' });

  /** Opens a refund ticket and has `requester` complete the review with "refund"; waits for its approval. */
  async function requestRefund(amount: number, requester: string): Promise<string> {
    const opened = await openTicket(h, ticketBody({ subject: `Refund ${amount} please`, refund: refundBody(amount) }, { language: 'en' }));
    const review = await ticketWhen(opened.id, (x) => x.task?.stepId === 'review');
    expect((await act(h, opened.id, 'complete', { taskId: review.task!.taskId, outcome: 'refund' }, keys[requester])).status).toBe(200);
    await ticketWhen(opened.id, (x) => x.approvals?.[0] !== undefined && (x.approvals[0].status !== 'pending' || x.approvals[0].levels[0]?.status === 'pending'));
    return opened.id;
  }
  const atLevel = (id: string, level: number, answers: number) =>
    ticketWhen(id, (x) => x.approvals?.[0]?.current === level && x.approvals[0].levels[level]?.status === 'pending' && x.approvals[0].answers.length === answers);

  beforeAll(async () => {
    h = await startHarness();
    await seedRefundConfiguration();
    keys = await memberKeys(h);
    opsKey = (await createApiKey({ name: 'ops', role: 'ops' }, h.config.secret)).key;
    memberlessKey = (await createApiKey({ name: 'support desk', role: 'agent', departmentIds: ['support'] }, h.config.secret)).key;
    [t.oneLead, t.secondLead, t.financeBoth, t.financeFinn, t.rejected, t.auto] = await Promise.all([
      requestRefund(5_000, 'alice'),
      requestRefund(7_000, 'alice'),
      requestRefund(50_000, 'bruno'), // bruno requested it: only lena-lead may answer its team-lead level
      requestRefund(60_000, 'alice'),
      requestRefund(5_000, 'alice'),
      requestRefund(1_500, 'alice'), // below every level: approved automatically
    ]);
    expect((await answer(t.financeBoth, 'approve', 'lena-lead')).status).toBe(200);
    expect((await answer(t.financeFinn, 'approve', 'bruno')).status).toBe(200);
    await atLevel(t.financeFinn, 1, 1);
    expect((await answer(t.financeFinn, 'approve', 'fay')).status).toBe(200); // all-of: finn still has to approve
    expect((await answer(t.rejected, 'reject', 'lena-lead')).status).toBe(200);
    await Promise.all([
      atLevel(t.financeBoth, 1, 1),
      atLevel(t.financeFinn, 1, 2),
      ticketWhen(t.rejected, (x) => x.approvals?.[0]?.status === 'rejected'),
      ticketWhen(t.auto, (x) => x.approvals?.[0]?.status === 'auto_approved'),
    ]);
  }, 180_000);
  afterAll(async () => h?.stop());

  const inbox = async (key: string, query = '') => {
    const res = await request(h.app).get(`/api/approvals${query}`).set('Authorization', `Bearer ${key}`);
    expect(res.status).toBe(200);
    return res.body as { items: Item[]; nextCursor: string | null; partial: boolean };
  };
  const ticketsIn = async (key: string, query = '') => (await inbox(key, query)).items.map((i) => i.ticketId).sort();
  const sorted = (...ids: string[]) => [...ids].sort();

  it('shows each approver exactly the approvals waiting for their answer at the current level', async () => {
    expect(await ticketsIn(keys['lena-lead']!)).toEqual(sorted(t.oneLead, t.secondLead)); // answered financeBoth and rejected
    expect(await ticketsIn(keys.bruno!)).toEqual(sorted(t.oneLead, t.secondLead)); // requested financeBoth, answered financeFinn
    expect(await ticketsIn(keys.fay!)).toEqual([t.financeBoth]); // answered financeFinn's finance level already
    expect(await ticketsIn(keys.finn!)).toEqual(sorted(t.financeBoth, t.financeFinn));
    expect(await ticketsIn(keys.alice!)).toEqual([]); // no team_lead role: eligible nowhere
    expect(await ticketsIn(keys.fred!)).toEqual([]); // the director's level does not apply below 1,000.00 USD
  });

  it('describes each item: its ticket, amount, requester and the current level with whom it still waits on', async () => {
    const { items, nextCursor, partial } = await inbox(keys.finn!);
    expect({ nextCursor, partial }).toEqual({ nextCursor: null, partial: false });
    expect(items.find((i) => i.ticketId === t.financeFinn)).toEqual({
      ticketId: t.financeFinn,
      subject: 'Refund 60000 please',
      priority: expect.any(String),
      ticketStatus: 'pending_approval',
      approvalId: 'refund-approval-1',
      stepId: 'refund-approval',
      title: 'Refund approval',
      status: 'pending',
      amount: { amount: 60_000, currency: 'USD' },
      requestedBy: 'alice',
      requestedAt: expect.stringMatching(/Z$/),
      currentLevel: { index: 1, name: 'finance_manager', departmentId: 'finance', mode: 'all', dueAt: expect.stringMatching(/Z$/), escalated: false, waitingOn: ['finn'] },
      decidedAt: null,
      yourAnswer: null,
    });
  });

  it('shows ops every pending approval, the most overdue first, and filters by the current level’s department', async () => {
    const { items } = await inbox(opsKey);
    expect(items.map((i) => i.ticketId).sort()).toEqual(sorted(t.oneLead, t.secondLead, t.financeBoth, t.financeFinn));
    const due = items.map((i) => i.currentLevel!.dueAt!);
    expect(due).toEqual([...due].sort());
    expect(await ticketsIn(opsKey, '?departmentId=finance')).toEqual(sorted(t.financeBoth, t.financeFinn));
    expect(await ticketsIn(h.adminKey, '?departmentId=support')).toEqual(sorted(t.oneLead, t.secondLead));
    expect(await ticketsIn(opsKey, '?departmentId=billing')).toEqual([]);
  });

  it('lists decided approvals: every one for ops, newest first; a member’s own answered ones with their answer', async () => {
    const decided = await inbox(opsKey, '?status=decided');
    expect(decided.items.map((i) => [i.ticketId, i.status])).toEqual([
      [t.rejected, 'rejected'], // decided after the automatic approval
      [t.auto, 'auto_approved'],
    ]);
    expect(await ticketsIn(opsKey, '?status=decided&departmentId=support')).toEqual([t.rejected]);
    const lena = await inbox(keys['lena-lead']!, '?status=decided');
    expect(lena.items.map((i) => [i.ticketId, i.yourAnswer?.decision, i.currentLevel])).toEqual([[t.rejected, 'reject', null]]);
    expect(await ticketsIn(keys.fay!, '?status=decided')).toEqual([]); // answered, but the approval still waits on finn
  });

  it('walks every item exactly once, page by page, in the order of one long page', async () => {
    const all = (await inbox(opsKey, '?limit=100')).items.map((i) => i.ticketId);
    const walked: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const page: Awaited<ReturnType<typeof inbox>> = await inbox(opsKey, `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      walked.push(...page.items.map((i) => i.ticketId));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(walked).toEqual(all);
    expect(walked).toHaveLength(4);
  });

  it('answers 422 with a pointer to an agent key that acts as no member', async () => {
    const res = await request(h.app).get('/api/approvals').set('Authorization', `Bearer ${memberlessKey}`);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'INCONSISTENT_INPUT', errors: [{ pointer: '/headers/authorization' }] });
  });

  it('answers 400 with a pointer per invalid query field, and 422 to a cursor of the other list', async () => {
    for (const [query, pointer] of [
      ['?limit=0', '/query/limit'],
      ['?limit=101', '/query/limit'],
      ['?limit=ten', '/query/limit'],
      ['?status=open', '/query/status'],
      ['?cursor=not-a-cursor', '/query/cursor'],
      ['?departmentId=Not%20An%20Id', '/query/departmentId'],
      ['?colour=blue', '/query'],
    ] as const) {
      const res = await request(h.app).get(`/api/approvals${query}`).set('Authorization', `Bearer ${opsKey}`);
      expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
    const { nextCursor } = await inbox(opsKey, '?limit=1');
    const res = await request(h.app).get(`/api/approvals?status=decided&cursor=${encodeURIComponent(nextCursor!)}`).set('Authorization', `Bearer ${opsKey}`);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'INCONSISTENT_INPUT' });
  });

  it('refuses callers without a valid API key (401)', async () => {
    expect((await request(h.app).get('/api/approvals')).status).toBe(401);
  });
});
