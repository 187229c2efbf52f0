/**
 * `POST /api/processes/{id}/simulate` agrees with a real run for every built-in process: each scenario is simulated,
 * then a ticket runs it on the real stack (API, worker, database, gateway and platform over HTTP) with the same
 * choices made by people (task outcomes, approval answers, the customer's reply), and the steps it walked, with their
 * outcomes, must be the simulated path.
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApiKey } from '../../api/middleware/auth';
import { BUILTIN_DEPARTMENTS, seedBuiltinProcesses } from '../support/builtin-processes';
import { startFakePaymentGateway, type FakePaymentGateway } from '../support/fake-payment-gateway';
import { startFakePlatform, type FakePlatform } from '../support/fake-platform';
import { eventually, startHarness, type Harness } from '../support/harness';
import { act, eventsOf, openTicket, readTicket, ticketBody } from '../support/tickets';

interface Scenario {
  name: string;
  process: string;
  amount?: number;
  /** Choices per step, one per visit: task outcomes, `approved`/`rejected`, `replied`. */
  outcomes: Record<string, string[]>;
  /** The gateway refuses this scenario's refund (the integration step fails). */
  refuseRefund?: boolean;
}

const SCENARIOS: Scenario[] = [
  { name: 'a general question', process: 'general-inquiry', outcomes: {} },
  { name: 'a small refund, approved automatically', process: 'refund-request', amount: 3_000, outcomes: { review: ['refund'] } },
  { name: 'a large refund: team lead, then finance', process: 'refund-request', amount: 80_000, outcomes: { review: ['refund'], 'refund-approval': ['approved'] } },
  { name: 'a refund the team lead rejects', process: 'refund-request', amount: 8_000, outcomes: { review: ['refund'], 'refund-approval': ['rejected'] } },
  { name: 'a refund the gateway refuses, paid by hand', process: 'refund-request', amount: 3_000, outcomes: { review: ['refund'], 'refund-by-hand': ['paid'] }, refuseRefund: true },
  { name: 'no refund after review', process: 'refund-request', amount: 3_000, outcomes: { review: ['no_refund'] } },
  { name: 'a hacked account, proof asked for first', process: 'account-hacked', outcomes: { 'verify-holder': ['needs_proof', 'verified'], 'ask-proof': ['replied'] } },
  { name: 'a purchase by a minor', process: 'minor-purchase', amount: 4_000, outcomes: { 'verify-guardian': ['verified'] } },
  { name: 'a larger purchase by a minor, approved by finance', process: 'minor-purchase', amount: 25_000, outcomes: { 'verify-guardian': ['verified'], 'refund-approval': ['approved'] } },
];

const BUILTINS = fs.readdirSync(path.resolve(__dirname, '../../processes')).map((f) => f.replace(/\.yaml$/, ''));

describe('simulation agrees with a real run (every built-in process)', () => {
  let h: Harness;
  let gateway: FakePaymentGateway;
  let platform: FakePlatform;
  const keys: Record<string, string> = {};
  beforeAll(async () => {
    gateway = await startFakePaymentGateway();
    platform = await startFakePlatform();
    h = await startHarness({ env: { PAYMENT_GATEWAY_URL: gateway.url, PAYMENT_GATEWAY_SECRET_KEY: gateway.secretKey, PLATFORM_API_URL: platform.url, PLATFORM_API_TOKEN: platform.token } });
    await seedBuiltinProcesses(BUILTINS);
    for (const d of BUILTIN_DEPARTMENTS)
      for (const m of d.members) keys[m.id] = (await createApiKey({ name: m.id, role: 'agent', departmentIds: [d.id], memberId: m.id }, h.config.secret)).key;
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    await gateway?.stop();
    await platform?.stop();
  });

  it('has a scenario for every built-in process', () => {
    expect([...new Set(SCENARIOS.map((s) => s.process))].sort()).toEqual([...BUILTINS].sort());
  });

  /** Makes the people's choices on the ticket until it resolves. */
  async function drive(id: string, queryCode: string, scenario: Scenario): Promise<void> {
    const visits = new Map<string, number>();
    const next = (stepId: string, fallback: string) => {
      const n = visits.get(stepId) ?? 0;
      visits.set(stepId, n + 1);
      const list = scenario.outcomes[stepId] ?? [];
      return list[Math.min(n, list.length - 1)] ?? fallback;
    };
    const answered = new Set<string>();
    await eventually(
      async () => {
        const t = await readTicket(id);
        if (t.status === 'resolved') return true;
        if (t.task && t.task.status !== 'done' && !answered.has(t.task.taskId)) {
          answered.add(t.task.taskId);
          await act(h, id, 'complete', { taskId: t.task.taskId, outcome: next(t.task.stepId, t.task.allowedOutcomes[0]!) }).expect(200);
        }
        const a = t.approvals?.find((x) => x.status === 'pending');
        const level = a?.levels[a.current];
        if (a && level?.status === 'pending') {
          const key = `${a.approvalId}:${a.current}`;
          if (!answered.has(key)) {
            answered.add(key);
            const decision = next(a.stepId, 'approved') === 'rejected' ? 'reject' : 'approve';
            const members = level.mode === 'all' || decision === 'approve' ? level.eligible : level.eligible.slice(0, 1);
            for (const m of level.mode === 'all' ? members : members.slice(0, 1))
              await request(h.app).post(`/api/tickets/${id}/approvals/${a.approvalId}/${decision}`).set('Authorization', `Bearer ${keys[m]}`).send({ reason: 'As the scenario says' }).expect(200);
          }
        }
        const step = t.step;
        if (t.status === 'waiting_customer' && step && !answered.has(`${step.stepId}:${step.startedAtMs}`)) {
          answered.add(`${step.stepId}:${step.startedAtMs}`);
          next(step.stepId, 'replied');
          await request(h.app).post(`/api/track/${queryCode}/messages`).send({ body: 'Here is the proof you asked for.' }).expect(201);
        }
        return false;
      },
      90_000,
      300,
    );
  }

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const paymentId = `pi_${Math.random().toString(36).slice(2, 12)}`;
    const refund = scenario.amount ? { amount: scenario.amount, currency: 'USD', paymentId } : undefined;
    if (scenario.refuseRefund) gateway.refuse(paymentId, { status: 402, type: 'card_error', code: 'expired_card', message: 'Your card has expired.' });

    const simulated = await request(h.app)
      .post(`/api/processes/${scenario.process}/simulate`)
      .set('Authorization', `Bearer ${h.adminKey}`)
      .send({
        regionId: 'test-utc',
        ...(refund ? { refund: { amount: refund.amount, currency: refund.currency } } : {}),
        outcomes: { ...scenario.outcomes, ...(scenario.refuseRefund ? { refund: 'failed' } : {}) },
      })
      .expect(200);

    const opened = await openTicket(h, ticketBody({ subject: `${scenario.process}: please help`, ...(refund ? { refund } : {}), accountId: 'acct-scenario' }));
    await drive(opened.id, opened.queryCode, scenario);
    const walked = (await eventsOf(opened.id))
      .filter((e) => e.type === 'task.completed' || e.type === 'step.completed')
      .map((e) => `${String(e.data.stepId)}:${String(e.data.outcome ?? null)}`);
    const path = (simulated.body.path as Array<{ stepId: string; outcome: string | null }>).map((p) => `${p.stepId}:${String(p.outcome)}`);
    expect(walked).toEqual(path);
    expect(simulated.body.resolved).toBe(true);
  }, 120_000);
});
