import type { IntegrationCall } from '../../domain/integrations';
import { startFakePlatform, type FakePlatform } from '../support/fake-platform';
import { failureOf, integrationActivities, stepKey } from '../support/integrations';

/** Restriction steps against the platform's account API on a real port: one restriction per key. */
describe('platform.restrict integration step', () => {
  let platform: FakePlatform;
  beforeEach(async () => {
    platform = await startFakePlatform();
  });
  afterEach(async () => {
    await platform.stop();
  });

  const settings = () => ({ platform: { baseUrl: platform.url, token: platform.token } });
  const restrictCall = (accountId = 'acct/streamer-42'): IntegrationCall => ({
    ticketId: 'tkt_abuse1',
    stepId: 'restrict',
    idempotencyKey: stepKey('tkt_abuse1', 'restrict'),
    integration: 'platform.restrict',
    accountId,
    restriction: 'purchases',
    reason: 'chargeback fraud confirmed by the payments team',
  });

  it("restricts the account as the platform's contract says and answers the restriction's id", async () => {
    const call = restrictCall();
    const result = await integrationActivities(settings()).runIntegration(call);

    expect(result).toEqual({ outcome: 'succeeded', reference: platform.restrictions[0]!.id, detail: 'account restricted: purchases' });
    expect(platform.restrictions).toEqual([expect.objectContaining({ accountId: 'acct/streamer-42', restriction: 'purchases', ticketId: 'tkt_abuse1' })]);
    expect(platform.calls).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/v1/accounts/acct%2Fstreamer-42/restrictions', // the id is one path segment, whatever it holds
        authorized: true,
        status: 201,
        body: { reason: 'chargeback fraud confirmed by the payments team', restriction: 'purchases', ticketId: 'tkt_abuse1' },
        headers: expect.objectContaining({ 'idempotency-key': call.idempotencyKey, 'content-type': 'application/json' }),
      }),
    ]);
  });

  it('restricts once when the answer is lost or the platform fails, and the step retries with the same key', async () => {
    const call = restrictCall();
    const { runIntegration } = integrationActivities(settings());
    platform.dropNext(1);
    expect(await failureOf(runIntegration(call))).toMatchObject({ type: 'INTEGRATION_UNAVAILABLE', retryable: true });
    platform.failNext(1, 503);
    expect(await failureOf(runIntegration(call))).toMatchObject({ type: 'INTEGRATION_UNAVAILABLE', retryable: true });

    expect(await runIntegration(call)).toMatchObject({ outcome: 'succeeded', reference: platform.restrictions[0]!.id });
    expect(platform.restrictions).toHaveLength(1);
    expect(platform.calls.map((c) => [c.status, c.replayed])).toEqual([[null, false], [503, false], [201, true]]);
  });

  it("fails the step with the platform's reason when it refuses the restriction", async () => {
    platform.refuse('acct_gone', { status: 404, code: 'account_not_found', message: 'No such account: acct_gone' });
    const result = await integrationActivities(settings()).runIntegration(restrictCall('acct_gone'));
    expect(result).toEqual({ outcome: 'failed', reference: null, detail: 'account_not_found: No such account: acct_gone' });
    expect(platform.restrictions).toHaveLength(0);
  });

  it('refuses to reuse a key for another restriction', async () => {
    const call = restrictCall();
    const { runIntegration } = integrationActivities(settings());
    await runIntegration(call);
    const failure = await failureOf(runIntegration({ ...call, restriction: 'account' }));
    expect(failure).toMatchObject({ type: 'INTEGRATION_IDEMPOTENCY_CONFLICT', retryable: false });
    expect(platform.restrictions).toHaveLength(1);
  });

  it('fails for good, without retries, when the platform refuses our token, and never logs it', async () => {
    const logs: string[] = [];
    const wrongToken = 'plt_not-the-token-the-platform-issued';
    const failure = await failureOf(integrationActivities({ platform: { baseUrl: platform.url, token: wrongToken } }, logs).runIntegration(restrictCall()));
    expect(failure).toMatchObject({ type: 'INTEGRATION_UNAUTHORIZED', retryable: false, message: expect.stringContaining('401') });
    expect(failure.message).not.toContain(wrongToken);
    expect(logs.join('')).not.toContain(wrongToken);
    expect(platform.calls).toEqual([expect.objectContaining({ authorized: false, status: 401 })]);
  });

  it('fails for good as not configured when no platform is set', async () => {
    const failure = await failureOf(integrationActivities({}).runIntegration(restrictCall()));
    expect(failure).toEqual({ type: 'INTEGRATION_NOT_CONFIGURED', retryable: false, message: 'platform.restrict is not configured: set PLATFORM_API_URL and PLATFORM_API_TOKEN' });
  });

  it('refuses a restriction without a reason before any request', async () => {
    const failure = await failureOf(integrationActivities(settings()).runIntegration({ ...restrictCall(), reason: '  ' }));
    expect(failure).toMatchObject({ type: 'VALIDATION_FAILED', retryable: false, message: expect.stringContaining('/reason') });
    expect(platform.calls).toHaveLength(0);
  });

  it('logs the step with its ticket and outcome but never the token', async () => {
    const logs: string[] = [];
    await integrationActivities(settings(), logs).runIntegration(restrictCall());
    expect(logs.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ msg: 'integration step done', ticketId: 'tkt_abuse1', integration: 'platform.restrict', outcome: 'succeeded' }),
    );
    expect(logs.join('')).not.toContain(platform.token);
  });
});
