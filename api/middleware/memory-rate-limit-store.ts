import type { RateLimitStore, RateWindow } from './rate-limit-store';

/**
 * Per-process counts with bounded memory, by the Space-Saving algorithm (Metwally, Agrawal and El Abbadi, "Efficient
 * computation of frequent and top-k elements in data streams", ICDT 2005): at most `capacity` counters; when all are
 * taken, a new key takes over the counter with the smallest count and continues from it. So no key is ever counted
 * below its true count. Cycling through fresh keys (spoofed addresses, a rotating IPv6 range) cannot reset a limited
 * client: it can take that client's counter only once the smallest count has passed the client's own, and the client
 * then comes back at least that high. The price is over-counting under such a flood: a newcomer starts at the smallest
 * count + 1, which rises by one per `capacity` fresh keys, so refusing an innocent newcomer costs an attacker about
 * limit × capacity requests within one window. Counters live in a binary min-heap, so each hit is O(log capacity).
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private windowStartMs: number | null = null;
  private readonly keys: string[] = [];
  private readonly counts: number[] = [];
  private readonly slots = new Map<string, number>();

  constructor(private readonly capacity = 10_000) {}

  /** Counts one request of `key` in `window` (a new window starts every count afresh). */
  async hit(key: string, window: RateWindow): Promise<number> {
    if (window.startMs !== this.windowStartMs) this.reset(window.startMs);
    const slot = this.slots.get(key);
    if (slot !== undefined) return this.increment(slot);
    if (this.keys.length < this.capacity) {
      this.keys.push(key);
      this.counts.push(1);
      this.slots.set(key, this.keys.length - 1);
      this.siftUp(this.keys.length - 1);
      return 1;
    }
    // Full: the key with the smallest count (the heap's root) gives its counter to the newcomer.
    this.slots.delete(this.keys[0]!);
    this.keys[0] = key;
    this.slots.set(key, 0);
    return this.increment(0);
  }

  /** Keys counted in the current window (at most `capacity`). */
  get size(): number {
    return this.keys.length;
  }

  private reset(startMs: number): void {
    this.windowStartMs = startMs;
    this.keys.length = 0;
    this.counts.length = 0;
    this.slots.clear();
  }

  /** Adds one to the counter in `slot` and restores the heap (a count only grows, so it can only sink). */
  private increment(slot: number): number {
    const count = this.counts[slot]! + 1;
    this.counts[slot] = count;
    let i = slot;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.counts.length && this.counts[left]! < this.counts[smallest]!) smallest = left;
      if (right < this.counts.length && this.counts[right]! < this.counts[smallest]!) smallest = right;
      if (smallest === i) return count;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  /** Moves a new counter (count 1, the least there is) up past every larger parent. */
  private siftUp(slot: number): void {
    let i = slot;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.counts[parent]! <= this.counts[i]!) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b]!, this.keys[a]!];
    [this.counts[a], this.counts[b]] = [this.counts[b]!, this.counts[a]!];
    this.slots.set(this.keys[a]!, a);
    this.slots.set(this.keys[b]!, b);
  }
}
