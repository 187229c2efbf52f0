/**
 * Refund approval chains on the real stack (HTTP API, Temporal worker, database, SMTP): the amount picks the levels,
 * approvers answer through the API, and every refusal is the documented 4xx.
 */
import request from 'supertest';
import { startHarness, type Harness } from '../support/harness';
import { mailHeader, mailText, waitForMail } from '../support/smtp';
import { act, eventsOf, eventWhen, openTicket, ticketBody, ticketWhen } from '../support/tickets';
import { memberKeys, refundBody, seedRefundConfiguration } from '../support/approval-config';
import type { TicketDoc } from '../../models/ticket.model';

describe('refund approval chains (real stack)', () => {
  let h: Harness;
  let keys: Record<string, string>;
  beforeAll(async () => {
    h = await startHarness();
    await seedRefundConfiguration();
    keys = await memberKeys(h);
  });
  afterAll(async () => h?.stop());

  const answer = (ticketId: string, approvalId: string, decision: 'approve' | 'reject', key: string, reason?: string | null, idempotencyKey?: string) => {
    const req = request(h.app).post(`/api/tickets/${ticketId}/approvals/${approvalId}/${decision}`).set('Authorization', `Bearer ${key}`);
    if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
    return req.send(reason === null ? {} : { reason: reason ?? 'Checked the order' });
  };

  /** Opens a refund ticket and has `requester` complete the review with "refund". */
  async function requestRefund(amount: number, requester = 'alice', currency = 'USD'): Promise<string> {
    const opened = await openTicket(h, ticketBody({ subject: 'Refund my order please', refund: refundBody(amount, currency) }, { language: 'en' }));
    const t = await ticketWhen(opened.id, (x) => x.task?.stepId === 'review');
    const done = await act(h, opened.id, 'complete', { taskId: t.task!.taskId, outcome: 'refund' }, keys[requester]);
    expect(done.status).toBe(200);
    return opened.id;
  }

  const levelPending = (id: string, level: number) =>
    ticketWhen(id, (x) => x.approvals?.[0]?.current === level && x.approvals[0].levels[level]?.status === 'pending');
  const decided = (id: string) => ticketWhen(id, (x) => x.approvals?.[0]?.status !== undefined && x.approvals[0].status !== 'pending');

  it('auto-approves an amount below every level and goes on to the next step', async () => {
    const id = await requestRefund(1_500);
    const t = await ticketWhen(id, (x) => x.task?.stepId === 'pay-out');
    expect(t.approvals?.[0]).toMatchObject({ approvalId: 'refund-approval-1', status: 'auto_approved', levels: [], amount: { minor: 1_500, currency: 'USD' } });
    expect((await eventsOf(id)).map((e) => e.type)).toContain('approval.decided');
  });

  it('one approver: a team lead approves 50.00 USD; the ticket waits as pending_approval until then', async () => {
    const id = await requestRefund(5_000);
    const t = await levelPending(id, 0);
    expect(t.status).toBe('pending_approval');
    expect(t.approvals![0]!.levels.map((l) => l.name)).toEqual(['team_lead']);
    expect(t.approvals![0]!.levels[0]!.eligible.sort()).toEqual(['bruno', 'lena-lead']);
    const res = await answer(id, 'refund-approval-1', 'approve', keys['lena-lead']!, 'Looks right');
    expect(res.status).toBe(200);
    const after = await ticketWhen(id, (x) => x.task?.stepId === 'pay-out');
    expect(after.approvals![0]).toMatchObject({ status: 'approved', answers: [expect.objectContaining({ memberId: 'lena-lead', decision: 'approve', reason: 'Looks right' })] });
    expect(after.status).toBe('assigned');
  });

  it('any-of: the first team lead to answer decides the level; a second answer is refused as decided', async () => {
    const id = await requestRefund(5_000);
    await levelPending(id, 0);
    expect((await answer(id, 'refund-approval-1', 'approve', keys.bruno!)).status).toBe(200);
    const late = await answer(id, 'refund-approval-1', 'approve', keys['lena-lead']!);
    expect([409]).toContain(late.status);
    expect(late.body.code).toBe('APPROVAL_DECIDED');
    await ticketWhen(id, (x) => x.task?.stepId === 'pay-out');
  });

  it('all-of: 500.00 USD needs a team lead, then every finance manager; the ticket moves on only after the last one', async () => {
    const id = await requestRefund(50_000);
    await levelPending(id, 0);
    expect((await answer(id, 'refund-approval-1', 'approve', keys.bruno!)).status).toBe(200);
    const finance = await levelPending(id, 1);
    expect(finance.approvals![0]!.levels[1]!.eligible.sort()).toEqual(['fay', 'finn']);
    expect((await answer(id, 'refund-approval-1', 'approve', keys.fay!)).status).toBe(200);
    const half = await ticketWhen(id, (x) => (x.approvals?.[0]?.answers.length ?? 0) === 2);
    expect(half.approvals![0]!.status).toBe('pending');
    expect(half.approvals![0]!.current).toBe(1);
    expect((await answer(id, 'refund-approval-1', 'approve', keys.finn!)).status).toBe(200);
    const t = await decided(id);
    expect(t.approvals![0]!.status).toBe('approved');
    await ticketWhen(id, (x) => x.task?.stepId === 'pay-out');
  });

  it('two approvers above the high limit: 1,500.00 USD adds the finance director as a second approver after the managers', async () => {
    const id = await requestRefund(150_000);
    await levelPending(id, 0);
    expect((await answer(id, 'refund-approval-1', 'approve', keys['lena-lead']!)).status).toBe(200);
    await levelPending(id, 1);
    expect((await answer(id, 'refund-approval-1', 'approve', keys.fay!)).status).toBe(200);
    expect((await answer(id, 'refund-approval-1', 'approve', keys.finn!)).status).toBe(200);
    const third = await levelPending(id, 2);
    expect(third.approvals![0]!.levels[2]).toMatchObject({ name: 'second_approver', eligible: ['fred'] });
    expect((await answer(id, 'refund-approval-1', 'approve', keys.fred!)).status).toBe(200);
    const t = await decided(id);
    expect(t.approvals![0]!.status).toBe('approved');
    expect(t.approvals![0]!.answers.map((x) => x.memberId)).toEqual(['lena-lead', 'fay', 'finn', 'fred']);
  });

  it('an unexpected currency needs every level (never auto-approved)', async () => {
    const id = await requestRefund(100, 'alice', 'JPY');
    const t = await levelPending(id, 0);
    expect(t.approvals![0]!.levels.map((l) => l.name)).toEqual(['team_lead', 'finance_manager', 'second_approver']);
  });

  it('a rejection resolves the ticket and tells the customer the reason in a mail', async () => {
    const id = await requestRefund(5_000);
    await levelPending(id, 0);
    const res = await answer(id, 'refund-approval-1', 'reject', keys['lena-lead']!, 'The order was delivered and used');
    expect(res.status).toBe(200);
    const t = await ticketWhen(id, (x) => x.status === 'resolved');
    expect(t.approvals![0]).toMatchObject({ status: 'rejected', reason: 'The order was delivered and used' });
    const mail = await waitForMail(h.smtp, (m) => mailHeader(m, 'x-meridian-ticket') === id && mailText(m).includes('The order was delivered and used'), 15_000);
    expect(mailText(mail)).toMatch(/could not be approved/);
  });

  it('refuses the member who requested it (403), a member without the role (403), and a second answer from the same approver (409)', async () => {
    const id = await requestRefund(50_000, 'bruno'); // bruno holds team_lead himself
    const t = await levelPending(id, 0);
    expect(t.approvals![0]!.requestedBy).toBe('bruno');
    expect(t.approvals![0]!.levels[0]!.eligible).toEqual(['lena-lead']);
    const own = await answer(id, 'refund-approval-1', 'approve', keys.bruno!);
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('REQUESTER_CANNOT_APPROVE');
    const noRole = await answer(id, 'refund-approval-1', 'approve', keys.alice!);
    expect(noRole.status).toBe(403);
    expect(noRole.body.code).toBe('NOT_AN_APPROVER');
    expect((await answer(id, 'refund-approval-1', 'approve', keys['lena-lead']!, undefined, 'answer-lena-0001')).status).toBe(200);
    // The same request again (same Idempotency-Key) is answered as the first time; a new one is a second answer.
    expect((await answer(id, 'refund-approval-1', 'approve', keys['lena-lead']!, undefined, 'answer-lena-0001')).status).toBe(200);
    const twice = await answer(id, 'refund-approval-1', 'reject', keys['lena-lead']!, 'changed my mind');
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_ANSWERED');
    const finance = await levelPending(id, 1);
    const answers = finance.approvals![0]!.answers;
    expect(answers).toHaveLength(1);
  });

  it('answers 404 for an unknown approval, 403 for admin keys and for another department’s agent, 400 for an answer without a reason', async () => {
    const id = await requestRefund(5_000);
    await levelPending(id, 0);
    const unknown = await answer(id, 'refund-approval-9', 'approve', keys['lena-lead']!);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('APPROVAL_NOT_FOUND');
    expect((await answer(id, 'refund-approval-1', 'approve', h.adminKey)).status).toBe(403);
    const financeAgent = await answer(id, 'refund-approval-1', 'approve', keys.fay!);
    expect(financeAgent.status).toBe(404); // finance has not been asked yet: the ticket is not theirs to see
    expect((await answer(id, 'refund-approval-1', 'reject', keys['lena-lead']!, null)).status).toBe(400);
    expect((await answer(id, 'refund-approval-1', 'approve', keys['lena-lead']!, null)).status).toBe(400);
    const t: TicketDoc = await ticketWhen(id, (x) => x.approvals?.[0]?.status === 'pending');
    expect(t.approvals![0]!.answers).toEqual([]);
  });

  it('refuses an amount given as text, negative, or in an unknown currency with a 422, storing nothing', async () => {
    for (const refund of [
      { amount: '50.00', currency: 'USD', paymentId: 'pi_1' },
      { amount: -100, currency: 'USD', paymentId: 'pi_1' },
      { amount: 100, currency: 'XYZ', paymentId: 'pi_1' },
      { amount: 10.5, currency: 'EUR', paymentId: 'pi_1' },
    ]) {
      const res = await request(h.app).post('/api/tickets').send(ticketBody({ subject: 'refund', refund }));
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('INVALID_AMOUNT');
      expect(res.body.errors[0].pointer).toMatch(/^\/body\/refund\/(amount|currency)$/);
    }
  });

  it('records the answers as events with the approver as actor', async () => {
    const id = await requestRefund(5_000);
    await levelPending(id, 0);
    await answer(id, 'refund-approval-1', 'approve', keys['lena-lead']!, 'ok');
    const e = await eventWhen(id, 'approval.answered');
    expect(e.actor).toEqual({ type: 'member', id: 'lena-lead' });
    expect(e.data).toMatchObject({ approvalId: 'refund-approval-1', level: 0, decision: 'approve' });
  });
});
