/**
 * The minor-purchase case end to end through the HTTP API on the real stack (worker in its own process, FerretDB,
 * SMTP catcher, the Stripe-compatible gateway and the platform's API on loopback): a parent reports a purchase by
 * their child; risk verifies; finance approves; the refund and the restriction run once each, also when the worker is
 * killed with -9 while the gateway holds the refund's answer; the parent gets one refund mail.
 */
import request from 'supertest';
import { createApiKey } from '../../api/middleware/auth';
import { startFakePaymentGateway, type FakePaymentGateway } from '../support/fake-payment-gateway';
import { startFakePlatform, type FakePlatform } from '../support/fake-platform';
import { seedBuiltinProcesses } from '../support/builtin-processes';
import { eventually, startHarness, type Harness } from '../support/harness';
import { mailHeader, mailText } from '../support/smtp';
import { act, eventsOf, openTicket, ticketBody, ticketWhen } from '../support/tickets';
import { startWorkerProcess, workerEnv, type WorkerProcess } from '../support/worker-process';

describe('minor purchase, end to end (real stack, gateway and platform over HTTP)', () => {
  let h: Harness;
  let gateway: FakePaymentGateway;
  let platform: FakePlatform;
  let workers: WorkerProcess[] = [];
  let fayKey: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    gateway = await startFakePaymentGateway();
    platform = await startFakePlatform();
    const integrations = { PAYMENT_GATEWAY_URL: gateway.url, PAYMENT_GATEWAY_SECRET_KEY: gateway.secretKey, PLATFORM_API_URL: platform.url, PLATFORM_API_TOKEN: platform.token };
    // The policy allows three days to resolve; the process's own end-to-end target is 24 hours.
    h = await startHarness({ worker: false, env: integrations, sla: { targets: { resolutionMinutes: 3 * 24 * 60 } } });
    await seedBuiltinProcesses(['minor-purchase']);
    fayKey = (await createApiKey({ name: 'fay', role: 'agent', departmentIds: ['finance'], memberId: 'fay' }, h.config.secret)).key;
    env = { ...workerEnv(h), ...integrations };
    workers = [await startWorkerProcess(env)];
  }, 240_000);
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await h?.stop();
    await gateway?.stop();
    await platform?.stop();
  });

  async function reportPurchase(amount: number, beforeVerified: () => void = () => undefined) {
    const refund = { amount, currency: 'EUR', paymentId: `pi_${Date.now().toString(36)}` };
    const accountId = `acct-${Date.now().toString(36)}`;
    const opened = await openTicket(h, ticketBody({ subject: 'minor-purchase: my child bought 40 diamonds', refund, accountId }, { language: 'de' }));
    const t = await ticketWhen(opened.id, (x) => x.task?.stepId === 'verify-guardian', 60_000);
    expect(t.task?.departmentId).toBe('risk');
    beforeVerified();
    await act(h, opened.id, 'complete', { taskId: t.task!.taskId, outcome: 'verified' }).expect(200);
    return { ...opened, body: { refund, accountId } };
  }

  it('verifies, approves, refunds and restricts once each, tells the parent once, and resolves', async () => {
    const { id, body } = await reportPurchase(14_900);
    await ticketWhen(id, (x) => x.approvals?.[0]?.levels[0]?.status === 'pending', 60_000);
    const approve = await request(h.app).post(`/api/tickets/${id}/approvals/refund-approval-1/approve`).set('Authorization', `Bearer ${fayKey}`).send({ reason: 'Guardian verified' });
    expect(approve.status).toBe(200);
    const done = await ticketWhen(id, (x) => x.status === 'resolved', 60_000);
    expect(done.approvals?.[0]?.status).toBe('approved');
    // Inside the process's 24-hour target on the business calendar (the test region is always open).
    expect(done.sla.resolution).toMatchObject({ status: 'met', breachedAtMs: null });
    expect(done.sla.resolution!.dueAtMs! - done.createdAt.getTime()).toBe(24 * 60 * 60_000);
    expect(done.resolvedAtMs!).toBeLessThan(done.sla.resolution!.dueAtMs!);

    const refunds = gateway.refunds.filter((r) => r.metadata.ticket_id === id);
    expect(refunds).toEqual([expect.objectContaining({ amount: 14_900, currency: 'eur', payment_intent: body.refund.paymentId, status: 'succeeded' })]);
    const restrictions = platform.restrictions.filter((r) => r.accountId === body.accountId);
    expect(restrictions).toEqual([expect.objectContaining({ restriction: 'purchases' })]);

    const steps = (await eventsOf(id)).filter((e) => e.type === 'step.completed').map((e) => `${String(e.data.stepId)}:${String(e.data.outcome)}`);
    expect(steps).toEqual(['refund-approval:approved', 'refund:succeeded', 'restrict-purchases:succeeded', 'tell-parent:sent']);
    const mails = await eventually(async () => {
      const mine = h.smtp.messages.filter((m) => mailHeader(m, 'x-meridian-ticket') === id && mailHeader(m, 'content-language') === 'de');
      return mine.length >= 2 ? mine : undefined;
    }, 30_000);
    const refundMails = mails.filter((m) => /149,00\s€/.test(mailText(m)));
    expect(refundMails).toHaveLength(1); // the acknowledgement and one refund confirmation, in German, with the amount
  }, 180_000);

  it('refunds exactly once when the worker is killed while the gateway holds the refund’s answer', async () => {
    let hold: ReturnType<FakePaymentGateway['hold']> | undefined;
    // Below finance's limit the refund is approved automatically and called at once: hold its answer (the refund is made).
    const { id, body } = await reportPurchase(4_900, () => void (hold = gateway.hold()));
    await hold!.arrived;
    await workers[0]!.kill9();
    hold!.release();
    workers.push(await startWorkerProcess(env));
    await ticketWhen(id, (x) => x.status === 'resolved', 120_000);
    const refunds = gateway.refunds.filter((r) => r.metadata.ticket_id === id);
    expect(refunds).toHaveLength(1);
    const posts = gateway.calls.filter((c) => c.method === 'POST' && c.headers['idempotency-key'] === `${id}:refund:1`);
    expect(posts.length).toBeGreaterThanOrEqual(2); // the retry after the kill sent the same key…
    expect(posts.filter((c) => !c.replayed)).toHaveLength(1); // …and was answered from the first refund
    expect(platform.restrictions.filter((r) => r.accountId === body.accountId)).toHaveLength(1);
    const events = await eventsOf(id);
    expect(events.filter((e) => e.type === 'integration.completed' && e.data.stepId === 'refund')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'customer.notified')).toHaveLength(1);
  }, 300_000);
});
