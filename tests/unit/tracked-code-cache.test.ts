import type { TrackedCode, TrackedCodeSource, TrackedTicketRef } from '../../api/track/tracked-code';
import { TrackedCodeCache, type TrackCacheOptions } from '../../api/track/tracked-code-cache';

/** A database of codes → tickets → statuses, counting the reads the cache makes. */
function fakeSource() {
  const codes = new Map<string, TrackedTicketRef>();
  const statuses = new Map<string, string>();
  const reads = { resolve: 0, render: 0, stamp: 0 };
  const source: TrackedCodeSource = {
    async resolve(hashes) {
      reads.resolve += 1;
      return hashes.map((hash) => codes.get(hash)).find((ref) => ref !== undefined) ?? null;
    },
    async render(ref, startedAtMs): Promise<TrackedCode> {
      reads.render += 1;
      const status = ref ? statuses.get(ref.ticketId) : undefined;
      const body = ref && status ? JSON.stringify({ id: ref.ticketId, status }) : null;
      return { ticket: ref, body, stamp: status ?? 'absent', readStartedAtMs: startedAtMs, preferencesReadAtMs: startedAtMs };
    },
    async stamp(ref) {
      reads.stamp += 1;
      return (ref && statuses.get(ref.ticketId)) ?? 'absent';
    },
  };
  const issue = (hash: string, ticketId: string, status: string) => {
    codes.set(hash, { ticketId });
    statuses.set(ticketId, status);
  };
  return { source, reads, statuses, issue };
}

function cacheOver(source: TrackedCodeSource, overrides: Partial<TrackCacheOptions> = {}) {
  const clock = { nowMs: 0 };
  const options: TrackCacheOptions = {
    maxAgeMs: 1_000,
    refreshAfterMs: 700,
    preferencesMaxAgeMs: 10_000,
    issued: { maxEntries: 100, maxBytes: 2 ** 20 },
    unknown: { maxEntries: 100, maxBytes: 2 ** 20 },
    clock: () => clock.nowMs,
    ...overrides,
  };
  return { cache: new TrackedCodeCache(source, options), clock };
}

const statusOf = (answer: TrackedCode) => (answer.body ? (JSON.parse(answer.body) as { status: string }).status : null);
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the tracking cache', () => {
  it('never holds more codes than its maximum, however many issued and unknown codes are looked up', async () => {
    const { source, issue } = fakeSource();
    const { cache } = cacheOver(source, { issued: { maxEntries: 50, maxBytes: 2 ** 20 }, unknown: { maxEntries: 30, maxBytes: 2 ** 20 } });
    for (let i = 0; i < 2_000; i += 1) {
      if (i % 2 === 0) issue(`code-${i}`, `tkt_${i}`, 'assigned');
      await cache.answer(`code-${i}`, () => [`code-${i}`]);
      const { issued, unknown } = cache.stats();
      expect(issued.entries).toBeLessThanOrEqual(50);
      expect(unknown.entries).toBeLessThanOrEqual(30);
    }
    expect(cache.stats().issued.entries).toBe(50);
  });

  it('never holds more bytes than its maximum, and does not keep a view too large for it', async () => {
    const { source, issue, statuses } = fakeSource();
    const { cache } = cacheOver(source, { issued: { maxEntries: 10_000, maxBytes: 64 * 1024 } });
    for (let i = 0; i < 500; i += 1) {
      issue(`code-${i}`, `tkt_${i}`, 'assigned');
      await cache.answer(`code-${i}`, () => [`code-${i}`]);
      expect(cache.stats().issued.bytes).toBeLessThanOrEqual(64 * 1024);
    }
    issue('huge', 'tkt_huge', 'x'.repeat(10_000)); // 20 kB counted: over an eighth of 64 KiB
    await cache.answer('huge', () => ['huge']);
    expect(cache.stats().issued.bytes).toBeLessThanOrEqual(64 * 1024);
    statuses.set('tkt_huge', 'resolved');
    expect(statusOf(await cache.answer('huge', () => ['huge']))).toBe('resolved'); // not held, so read again
  });

  it('answers a second look from memory alike for issued and unknown codes, and never one code with another’s view', async () => {
    const { source, reads, issue } = fakeSource();
    const { cache } = cacheOver(source);
    issue('code-a', 'tkt_a', 'assigned');
    issue('code-b', 'tkt_b', 'waiting_customer');
    for (const code of ['code-a', 'code-b', 'never-issued']) await cache.answer(code, () => [code]);
    const before = { ...reads };
    const answers = await Promise.all(['code-a', 'code-b', 'never-issued'].map((code) => cache.answer(code, () => [code])));
    expect(reads).toEqual(before);
    expect(answers.map((a) => a.body && (JSON.parse(a.body) as { id: string }).id)).toEqual(['tkt_a', 'tkt_b', null]);
  });

  it('shows a status change once the answer it holds is a second old, never later', async () => {
    const { source, statuses, issue } = fakeSource();
    const { cache, clock } = cacheOver(source);
    issue('code', 'tkt_1', 'assigned');
    await cache.answer('code', () => ['code']);
    statuses.set('tkt_1', 'resolved');
    clock.nowMs = 500;
    expect(statusOf(await cache.answer('code', () => ['code']))).toBe('assigned');
    clock.nowMs = 1_000;
    expect(statusOf(await cache.answer('code', () => ['code']))).toBe('resolved');
  });

  it('renews an answer in the background once it is 0.7 s old, so polling customers rarely wait', async () => {
    const { source, statuses, issue, reads } = fakeSource();
    const { cache, clock } = cacheOver(source);
    issue('code', 'tkt_1', 'assigned');
    await cache.answer('code', () => ['code']);
    statuses.set('tkt_1', 'resolved');
    clock.nowMs = 800;
    expect(statusOf(await cache.answer('code', () => ['code']))).toBe('assigned'); // served at once, renewal started
    await settle();
    expect(reads.stamp).toBe(1);
    expect(statusOf(await cache.answer('code', () => ['code']))).toBe('resolved');
  });

  it('renews issued and unknown codes with the same reads, and renders both again as often', async () => {
    const { source, reads, issue } = fakeSource();
    const { cache, clock } = cacheOver(source);
    issue('issued', 'tkt_1', 'assigned');
    const readsOf = async (code: string, atMs: number) => {
      const before = { ...reads };
      clock.nowMs = atMs;
      await cache.answer(code, () => [code]);
      return { resolve: reads.resolve - before.resolve, render: reads.render - before.render, stamp: reads.stamp - before.stamp };
    };
    expect(await readsOf('issued', 0)).toEqual(await readsOf('unknown', 0));
    expect(await readsOf('issued', 1_000)).toEqual({ resolve: 1, render: 0, stamp: 1 });
    expect(await readsOf('unknown', 1_000)).toEqual({ resolve: 1, render: 0, stamp: 1 });
    // Past preferencesMaxAgeMs both render again, the unknown one too.
    expect(await readsOf('issued', 11_000)).toEqual({ resolve: 1, render: 1, stamp: 1 });
    expect(await readsOf('unknown', 11_000)).toEqual({ resolve: 1, render: 1, stamp: 1 });
  });

  it('finds a code issued after it was looked up as unknown within a second', async () => {
    const { source, issue } = fakeSource();
    const { cache, clock } = cacheOver(source);
    expect((await cache.answer('code', () => ['code'])).body).toBeNull();
    issue('code', 'tkt_1', 'new');
    clock.nowMs = 1_000;
    expect(statusOf(await cache.answer('code', () => ['code']))).toBe('new');
    expect(cache.stats()).toMatchObject({ issued: { entries: 1 }, unknown: { entries: 0 } });
  });

  it('reads again right after expire, so a customer sees their own reply at once', async () => {
    const { source, statuses, issue } = fakeSource();
    const { cache, clock } = cacheOver(source);
    issue('code', 'tkt_1', 'waiting_customer');
    await cache.answer('code', () => ['code']);
    statuses.set('tkt_1', 'assigned');
    clock.nowMs = 10;
    cache.expire('code');
    expect(statusOf(await cache.answer('code', () => ['code']))).toBe('assigned');
  });
});
