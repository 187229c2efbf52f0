import type { IntegrationCall } from '../../domain/integrations';
import { startFakePaymentGateway, type FakePaymentGateway } from '../support/fake-payment-gateway';
import { failureOf, integrationActivities, stepKey } from '../support/integrations';

/** Refund steps against a Stripe-compatible gateway on a real port: one refund per key, whatever happens to the answers. */
describe('payments.refund integration step', () => {
  let gateway: FakePaymentGateway;
  beforeEach(async () => {
    gateway = await startFakePaymentGateway();
  });
  afterEach(async () => {
    await gateway.stop();
  });

  const settings = () => ({ paymentGateway: { baseUrl: gateway.url, secretKey: gateway.secretKey } });
  const refundCall = (paymentId = 'pi_3Pq7TicketRefund', amount = 1250): IntegrationCall => ({
    ticketId: 'tkt_refund1',
    stepId: 'refund',
    idempotencyKey: stepKey('tkt_refund1', 'refund'),
    integration: 'payments.refund',
    refund: { amount, currency: 'EUR', paymentId },
  });
  const posts = () => gateway.calls.filter((c) => c.method === 'POST');

  it("refunds the customer's payment in Stripe's wire format and answers the refund's id", async () => {
    const call = refundCall();
    const result = await integrationActivities(settings()).runIntegration(call);

    expect(result).toEqual({ outcome: 'succeeded', reference: gateway.refunds[0]!.id, detail: 'refunded 1250 eur' });
    expect(result.reference).toMatch(/^re_/);
    expect(gateway.refunds).toHaveLength(1);
    expect(posts()).toEqual([
      expect.objectContaining({
        path: '/v1/refunds',
        authorized: true,
        status: 200,
        body: { payment_intent: 'pi_3Pq7TicketRefund', amount: '1250', currency: 'eur', reason: 'requested_by_customer', metadata: { ticket_id: 'tkt_refund1' } },
        headers: expect.objectContaining({ 'idempotency-key': call.idempotencyKey, 'content-type': 'application/x-www-form-urlencoded' }),
      }),
    ]);
  });

  it('gives the customer exactly one refund when the answer is lost and the step retries with the same key', async () => {
    const call = refundCall();
    const { runIntegration } = integrationActivities(settings());
    gateway.dropNext(1); // the gateway refunds, then the connection dies before the answer

    expect(await failureOf(runIntegration(call))).toMatchObject({ type: 'INTEGRATION_UNAVAILABLE', retryable: true });
    const result = await runIntegration(call);

    expect(gateway.refunds).toHaveLength(1);
    expect(result).toMatchObject({ outcome: 'succeeded', reference: gateway.refunds[0]!.id });
    expect(posts().map((c) => ({ status: c.status, replayed: c.replayed, key: c.headers['idempotency-key'] }))).toEqual([
      { status: null, replayed: false, key: call.idempotencyKey },
      { status: 200, replayed: true, key: call.idempotencyKey },
    ]);
  });

  it('retries through gateway 500s and 429s and refunds once', async () => {
    const call = refundCall();
    const { runIntegration } = integrationActivities(settings());
    gateway.failNext(1, 500);
    expect(await failureOf(runIntegration(call))).toMatchObject({ type: 'INTEGRATION_UNAVAILABLE', retryable: true, message: expect.stringContaining('500') });
    gateway.failNext(1, 429);
    expect(await failureOf(runIntegration(call))).toMatchObject({ type: 'INTEGRATION_UNAVAILABLE', retryable: true, message: expect.stringContaining('429') });

    expect(await runIntegration(call)).toMatchObject({ outcome: 'succeeded' });
    expect(gateway.refunds).toHaveLength(1);
  });

  it('retries a call that timed out while the gateway was refunding, and gets that refund rather than a second one', async () => {
    const call = refundCall();
    const { runIntegration } = integrationActivities(settings(), [], { requestTimeoutMs: 300 });
    const hold = gateway.hold(); // refunds at once, answers only when released

    expect(await failureOf(runIntegration(call))).toMatchObject({ type: 'INTEGRATION_UNAVAILABLE', retryable: true, message: expect.stringContaining('TimeoutError') });
    hold.release();

    expect(await runIntegration(call)).toMatchObject({ outcome: 'succeeded', reference: gateway.refunds[0]!.id });
    expect(gateway.refunds).toHaveLength(1);
  });

  it('waits when a retry arrives while the first request is still running (409), then gets its refund', async () => {
    const call = refundCall();
    const { runIntegration } = integrationActivities(settings());
    const hold = gateway.hold({ execute: 'on-release' });
    const first = runIntegration(call);
    await hold.arrived;

    expect(await failureOf(runIntegration(call))).toMatchObject({ type: 'INTEGRATION_UNAVAILABLE', retryable: true, message: expect.stringContaining('409') });
    hold.release();
    const [a, b] = [await first, await runIntegration(call)];

    expect(a).toMatchObject({ outcome: 'succeeded' });
    expect(b).toEqual(a);
    expect(gateway.refunds).toHaveLength(1);
  });

  it.each([
    ['a declined card (402 card_error)', { status: 402, type: 'card_error', code: 'expired_card', message: 'Your card has expired.' }, 'expired_card: Your card has expired.'],
    ['an already refunded charge (400)', { status: 400, type: 'invalid_request_error', code: 'charge_already_refunded', message: 'Charge ch_1 has already been refunded.' }, 'charge_already_refunded: Charge ch_1 has already been refunded.'],
  ] as const)('fails the step with the gateway\'s reason for %s, and says the same on a retry', async (_what, refusal, detail) => {
    gateway.refuse('pi_refused', refusal);
    const call = refundCall('pi_refused');
    const { runIntegration } = integrationActivities(settings());

    expect(await runIntegration(call)).toEqual({ outcome: 'failed', reference: null, detail });
    expect(await runIntegration(call)).toEqual({ outcome: 'failed', reference: null, detail });
    expect(gateway.refunds).toHaveLength(0);
    expect(posts().map((c) => c.replayed)).toEqual([false, true]);
  });

  it('fails a refund the gateway settles as failed, naming its id and reason', async () => {
    gateway.settleLater('pi_lost_card', { pendingReads: 2, finalStatus: 'failed', failureReason: 'lost_or_stolen_card' });
    const result = await integrationActivities(settings()).runIntegration(refundCall('pi_lost_card'));
    expect(result).toEqual({ outcome: 'failed', reference: gateway.refunds[0]!.id, detail: 'refund failed: lost_or_stolen_card' });
  });

  it('reads a pending refund until it succeeds; past the reads of one attempt it is retried, never reported done early', async () => {
    gateway.settleLater('pi_bank', { pendingReads: 3 });
    const call = refundCall('pi_bank');
    const { runIntegration } = integrationActivities(settings(), [], { pendingReads: 2 });

    const pending = await failureOf(runIntegration(call));
    expect(pending).toMatchObject({ type: 'INTEGRATION_PENDING', retryable: true, message: `refund ${gateway.refunds[0]!.id} is pending` });
    expect(await runIntegration(call)).toEqual({ outcome: 'succeeded', reference: gateway.refunds[0]!.id, detail: 'refunded 1250 eur' });
    expect(gateway.refunds).toHaveLength(1);
    expect(gateway.calls.map((c) => `${c.method} ${c.path.replace(/re_\w+/, 're_…')}`)).toEqual([
      'POST /v1/refunds', 'GET /v1/refunds/re_…', 'GET /v1/refunds/re_…', 'POST /v1/refunds', 'GET /v1/refunds/re_…',
    ]);
  });

  it('refuses to reuse a key for other parameters without refunding again', async () => {
    const call = refundCall();
    const { runIntegration } = integrationActivities(settings());
    await runIntegration(call);

    const changed = { ...call, refund: { ...call.refund!, amount: 9_999 } };
    expect(await failureOf(runIntegration(changed))).toMatchObject({ type: 'INTEGRATION_IDEMPOTENCY_CONFLICT', retryable: false });
    expect(gateway.refunds).toHaveLength(1);
  });

  it('fails for good, without retries, when the gateway does not know our secret key, and never shows the key', async () => {
    const logs: string[] = [];
    const wrongKey = 'sk_test_51WrongKeyThatTheGatewayNeverIssued0000';
    const { runIntegration } = integrationActivities({ paymentGateway: { baseUrl: gateway.url, secretKey: wrongKey } }, logs);

    const failure = await failureOf(runIntegration(refundCall()));
    expect(failure).toMatchObject({ type: 'INTEGRATION_UNAUTHORIZED', retryable: false, message: expect.stringContaining('Invalid API Key provided') });
    expect(failure.message).not.toContain(wrongKey);
    expect(gateway.refunds).toHaveLength(0);
    expect(logs.join('')).toContain('integration step not done');
    expect(logs.join('')).not.toContain(wrongKey);
  });

  it('fails for good as not configured when no gateway is set', async () => {
    const failure = await failureOf(integrationActivities({}).runIntegration(refundCall()));
    expect(failure).toEqual({ type: 'INTEGRATION_NOT_CONFIGURED', retryable: false, message: 'payments.refund is not configured: set PAYMENT_GATEWAY_URL and PAYMENT_GATEWAY_SECRET_KEY' });
  });

  it('retries when the gateway cannot be reached', async () => {
    const url = gateway.url;
    await gateway.stop();
    const failure = await failureOf(integrationActivities({ paymentGateway: { baseUrl: url, secretKey: 'sk_test_x' } }).runIntegration(refundCall()));
    expect(failure).toMatchObject({ type: 'INTEGRATION_UNAVAILABLE', retryable: true, message: expect.stringContaining('payment gateway unreachable') });
    gateway = await startFakePaymentGateway(); // for afterEach
  });

  it('refuses a malformed call before any request: fractional amounts, unknown currencies, a missing payment', async () => {
    const { runIntegration } = integrationActivities(settings());
    const bad: IntegrationCall[] = [
      { ...refundCall(), refund: { amount: 12.5, currency: 'EUR', paymentId: 'pi_1' } },
      { ...refundCall(), refund: { amount: 1250, currency: 'EURO', paymentId: 'pi_1' } },
      { ...refundCall(), refund: undefined },
    ];
    for (const call of bad) expect(await failureOf(runIntegration(call))).toMatchObject({ type: 'VALIDATION_FAILED', retryable: false });
    expect(gateway.calls).toHaveLength(0);
  });

  it('logs each step with its ticket and outcome but never the secret key or the authorization header', async () => {
    const logs: string[] = [];
    await integrationActivities(settings(), logs).runIntegration(refundCall());
    const lines = logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'integration step done', ticketId: 'tkt_refund1', stepId: 'refund', outcome: 'succeeded' }));
    expect(logs.join('')).not.toContain(gateway.secretKey);
    expect(logs.join('').toLowerCase()).not.toContain('bearer');
  });
});
