import { addressKey } from '../../api/middleware/client-address';
import { MemoryRateLimitStore } from '../../api/middleware/memory-rate-limit-store';
import { ConfigError, loadConfig } from '../../config/config';

const WINDOW = { startMs: 60_000, lengthMs: 60_000 };

describe('the in-memory rate-limit store', () => {
  it('counts exactly while there is room for every key', async () => {
    const store = new MemoryRateLimitStore(10);
    const counts = [];
    for (const key of ['a', 'b', 'a', 'c', 'a', 'b']) counts.push(await store.hit(key, WINDOW));
    expect(counts).toEqual([1, 1, 2, 1, 3, 2]);
  });

  it('never counts a key below its true count, and never holds more keys than its capacity', async () => {
    const store = new MemoryRateLimitStore(50);
    const truth = new Map<string, number>();
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let i = 0; i < 20_000; i += 1) {
      // A few heavy clients among a stream of one-off keys.
      const key = random() < 0.3 ? `heavy-${Math.floor(random() * 5)}` : `once-${i}`;
      truth.set(key, (truth.get(key) ?? 0) + 1);
      expect(await store.hit(key, WINDOW)).toBeGreaterThanOrEqual(truth.get(key)!);
      expect(store.size).toBeLessThanOrEqual(50);
    }
  });

  it('keeps a limited client limited while 20,000 fresh keys cycle through its 10,000 counters', async () => {
    const store = new MemoryRateLimitStore(10_000);
    for (let i = 0; i < 30; i += 1) await store.hit('victim', WINDOW);
    for (let i = 0; i < 20_000; i += 1) await store.hit(`spoofed-${i}`, WINDOW);
    expect(await store.hit('victim', WINDOW)).toBeGreaterThan(30);
    // What the flood cost everyone else: a newcomer now starts at 3, far below any limit.
    expect(await store.hit('newcomer', WINDOW)).toBeLessThanOrEqual(3);
  });

  it('starts every count afresh in the next window', async () => {
    const store = new MemoryRateLimitStore(10);
    await store.hit('a', WINDOW);
    await store.hit('a', WINDOW);
    expect(await store.hit('a', { ...WINDOW, startMs: WINDOW.startMs + WINDOW.lengthMs })).toBe(1);
  });
});

describe('the address a client is counted as', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['2001:db8:aa:bb:1:2:3:4', '2001:db8:aa:bb::/64'],
    ['2001:db8:aa:bb::9', '2001:db8:aa:bb::/64'],
    ['2001:0DB8:00aa:00bb:ffff::1%eth0', '2001:db8:aa:bb::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::192.0.2.33', '64:ff9b:0:0::/64'],
  ])('counts %s as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});

describe('TRUST_PROXY', () => {
  const env = { MONGODB_URI: 'mongodb://127.0.0.1:1/x', MERIDIAN_SECRET: 'x'.repeat(32) };
  const trustProxy = (value?: string) => loadConfig({ ...env, ...(value === undefined ? {} : { TRUST_PROXY: value }) }).http.trustProxy;

  it.each([
    [undefined, false],
    ['false', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.0/8, loopback', ['10.0.0.0/8', 'loopback']],
    ['192.0.2.10,2001:db8::/32', ['192.0.2.10', '2001:db8::/32']],
  ])('reads %p as %p', (value, expected) => {
    expect(trustProxy(value)).toEqual(expected);
  });

  it.each([
    ['true', /TRUST_PROXY=true would trust every X-Forwarded-For hop/],
    ['0.0.0.0/0', /"0.0.0.0\/0" is not a hop count/],
    ['::/0', /"::\/0" is not a hop count/],
    ['proxy.internal', /"proxy.internal" is not a hop count/],
    ['10.0.0.0/33', /"10.0.0.0\/33"/],
  ])('refuses %p at boot with a clear message', (value, message) => {
    expect(() => trustProxy(value)).toThrow(ConfigError);
    expect(() => trustProxy(value)).toThrow(message);
  });
});
