/** Where rate-limit counts live: one interface, an in-process table and a database collection shared by all processes. */

/** One fixed window: every process computes the same start from the clock, so they count into the same window. */
export interface RateWindow {
  startMs: number;
  lengthMs: number;
}

/** Counts requests per key and window. */
export interface RateLimitStore {
  /**
   * Counts one request of `key` in `window` and returns the count so far, never less than the true count (a store may
   * over-count, never under-count). Once a key is past `limit` a store may stop counting and return anything above it.
   */
  hit(key: string, window: RateWindow, limit: number): Promise<number>;
}
