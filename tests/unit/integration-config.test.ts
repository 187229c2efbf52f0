import { ConfigError, loadConfig } from '../../config/config';

const BASE = { MONGODB_URI: 'mongodb://127.0.0.1:1/t', MERIDIAN_SECRET: 'unit-test-secret-0123456789abcdef-xyz' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...BASE, ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('integration settings (PAYMENT_GATEWAY_*, PLATFORM_API_*)', () => {
  it('leaves both integrations off when nothing is set (their steps then fail as not configured)', () => {
    expect(loadConfig({ ...BASE, PAYMENT_GATEWAY_URL: '', PLATFORM_API_TOKEN: '' }).integrations).toEqual({ paymentGateway: undefined, platform: undefined });
  });

  it('reads each integration as its base URL (no trailing slash) and credential', () => {
    const config = loadConfig({
      ...BASE,
      PAYMENT_GATEWAY_URL: 'https://api.stripe.com/',
      PAYMENT_GATEWAY_SECRET_KEY: 'sk_test_abc',
      PLATFORM_API_URL: 'http://127.0.0.1:8088/platform',
      PLATFORM_API_TOKEN: 'plt_abc',
    });
    expect(config.integrations).toEqual({
      paymentGateway: { baseUrl: 'https://api.stripe.com', secretKey: 'sk_test_abc' },
      platform: { baseUrl: 'http://127.0.0.1:8088/platform', token: 'plt_abc' },
    });
  });

  it('refuses half an integration at boot, naming what is missing, and never echoes the credential', () => {
    const problems = problemsOf({ PAYMENT_GATEWAY_SECRET_KEY: 'sk_live_should_not_be_echoed', PLATFORM_API_URL: 'https://platform.example.com' });
    expect(problems).toEqual([
      'PAYMENT_GATEWAY_SECRET_KEY: PAYMENT_GATEWAY_URL and PAYMENT_GATEWAY_SECRET_KEY go together: set both or neither',
      'PLATFORM_API_TOKEN: PLATFORM_API_URL and PLATFORM_API_TOKEN go together: set both or neither',
    ]);
    expect(problems.join('\n')).not.toContain('sk_live_should_not_be_echoed');
  });

  it('refuses to send a credential over plain http to another machine', () => {
    expect(problemsOf({ PAYMENT_GATEWAY_URL: 'http://gateway.example.com', PAYMENT_GATEWAY_SECRET_KEY: 'sk_test_abc' })).toEqual([
      'PAYMENT_GATEWAY_URL: expected an https:// URL (http:// only to localhost)',
    ]);
  });
});
