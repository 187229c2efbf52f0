/** A bounded-concurrency load loop with latency percentiles. */
export interface LoadResult {
  count: number;
  concurrency: number;
  /** Operations that threw; their latencies are left out of the percentiles and of `perSecond`. */
  errors: number;
  firstError: string | null;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** How many operations, how many at once, and how many unmeasured ones first. */
export interface LoadShape {
  count: number;
  concurrency: number;
  warmup: number;
}

export interface LoadOptions {
  count: number;
  concurrency: number;
  /** Unmeasured runs first (indices 0 … warmup-1), at the same concurrency. */
  warmup?: number;
  /** Starts no new operation after this long (the measured ones); `count` in the result says how many ran. */
  maxSeconds?: number;
  /** One operation; throwing counts it as an error. Receives a global index (warm-up included). */
  task: (index: number) => Promise<void>;
  /** Also receives every measured latency (ms), so runs can be merged (see summarizeLoad). */
  latencies?: number[];
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function pool(from: number, to: number, concurrency: number, run: (i: number) => Promise<void>, deadline = Infinity): Promise<void> {
  let next = from;
  const lane = async () => {
    while (next < to && performance.now() < deadline) await run(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, to - from) }, lane));
}

/** The figures of measured latencies (ms, any order) taken over `seconds` of running at `concurrency`. */
export function summarizeLoad(latencies: number[], run: { seconds: number; concurrency: number; errors: number; firstError: string | null }): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length + run.errors,
    ...run,
    perSecond: sorted.length / run.seconds,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
  };
}

/** Runs the warm-up, then `count` timed operations (fewer past `maxSeconds`) with at most `concurrency` in flight, counting failures. */
export async function runLoad({ count, concurrency, warmup = 0, maxSeconds = Infinity, task, latencies: sink }: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const timed = (measured: boolean) => async (i: number) => {
    const t0 = performance.now();
    try {
      await task(i);
      if (measured) latencies.push(performance.now() - t0);
    } catch (err) {
      errors += measured ? 1 : 0;
      firstError ??= err instanceof Error ? err.message : String(err);
    }
  };
  await pool(0, warmup, concurrency, timed(false));
  const started = performance.now();
  await pool(warmup, warmup + count, concurrency, timed(true), started + maxSeconds * 1000);
  const seconds = (performance.now() - started) / 1000;
  sink?.push(...latencies);
  return summarizeLoad(latencies, { seconds, concurrency, errors, firstError });
}
