import { ChannelBodySchema } from '../../../domain/channels/channel-settings';
import { AllowedOriginsSchema, WebOriginSchema } from '../../../domain/channels/webchat';
import { ruleCodeOf } from '../../../domain/rules';

const webchat = (extra: Record<string, unknown> = {}) => ({ id: 'chat-shop', kind: 'webchat', name: 'Shop chat', regionId: 'eu', allowedOrigins: ['https://shop.example'], ...extra });

describe('web chat origins', () => {
  it.each([
    ['https://shop.example', 'https://shop.example'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['https://shop.example:443', 'https://shop.example'], // the default port, as browsers leave it out
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['https://xn--bcher-kva.example', 'https://xn--bcher-kva.example'],
  ])('takes %s as %s', (given, stored) => {
    expect(WebOriginSchema.parse(given)).toBe(stored);
  });

  it.each([
    ['a wildcard', 'https://*.shop.example'],
    ['a path', 'https://shop.example/'],
    ['a query', 'https://shop.example?x=1'],
    ['upper case', 'https://Shop.example'],
    ['another scheme', 'ftp://shop.example'],
    ['no scheme', 'shop.example'],
    ['user info', 'https://user@shop.example'],
    ['a port out of range', 'https://shop.example:65536'],
    ['the opaque origin of sandboxes and files', 'null'],
    ['an address that is no IPv4 address', 'http://256.1.1.1'],
  ])('refuses %s', (_what, given) => {
    expect(WebOriginSchema.safeParse(given).success).toBe(false);
  });

  it('needs one at most twenty, and counts one listed twice once', () => {
    expect(AllowedOriginsSchema.safeParse([]).success).toBe(false);
    expect(AllowedOriginsSchema.safeParse(Array.from({ length: 21 }, (_, i) => `https://s${i}.example`)).success).toBe(false);
    expect(AllowedOriginsSchema.parse(['https://a.example', 'https://a.example:443', 'http://a.example'])).toEqual(['https://a.example', 'http://a.example']);
  });
});

describe('a web chat channel’s body', () => {
  /** The pointers and rule codes of a refused body. */
  const refusal = (body: unknown) => {
    const result = ChannelBodySchema.safeParse(body);
    if (result.success) throw new Error('accepted');
    return result.error.issues.map((i) => [`/${i.path.join('/')}`, ruleCodeOf(i) ?? 'schema']);
  };

  it('lists its origins and nothing a platform channel has', () => {
    expect(ChannelBodySchema.parse(webchat({ rotateSiteKey: true }))).toMatchObject({ kind: 'webchat', allowedOrigins: ['https://shop.example'], rotateSiteKey: true, secrets: {} });
    expect(refusal(webchat({ allowedOrigins: undefined }))).toEqual([['/allowedOrigins', 'INCONSISTENT_INPUT']]);
    expect(refusal(webchat({ accountId: '1234', apiBaseUrl: 'https://x.example', secrets: { appSecret: 'app-secret-123' } }))).toEqual([
      ['/secrets/appSecret', 'INCONSISTENT_INPUT'],
      ['/accountId', 'INCONSISTENT_INPUT'],
      ['/apiBaseUrl', 'INCONSISTENT_INPUT'],
    ]);
  });

  it('keeps origins and site keys to web chat, and an account id to the platforms', () => {
    const telegram = { id: 'tg', kind: 'telegram', name: 'Bot', regionId: 'eu', secrets: {} };
    expect(refusal({ ...telegram, allowedOrigins: ['https://shop.example'], rotateSiteKey: true })).toEqual([
      ['/accountId', 'INCONSISTENT_INPUT'],
      ['/allowedOrigins', 'INCONSISTENT_INPUT'],
      ['/rotateSiteKey', 'INCONSISTENT_INPUT'],
    ]);
    expect(ChannelBodySchema.parse({ ...telegram, accountId: '7000000001' }).accountId).toBe('7000000001');
  });
});
