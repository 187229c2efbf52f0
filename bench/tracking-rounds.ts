/**
 * Tracking lookups of the three kinds in interleaved rounds (issued, never issued, near miss, then again), so that a
 * change in the machine's load over the run weighs on every kind alike and their ratios stay meaningful.
 */
import { runLoad, summarizeLoad, type LoadResult } from './load';
import { lookUp, TRACKING_KINDS, TRACKING_STATUS, type TrackingKind } from './tracking';

export interface RoundsPlan {
  baseUrl: string;
  codes: Record<TrackingKind, string[]>;
  /** Lookups of each kind over all rounds. */
  perKind: number;
  rounds: number;
  concurrency: number;
  /** Index of the first code to use per kind (continues where an earlier run stopped). */
  offset?: number;
}

/** Runs `rounds` rounds of `perKind / rounds` lookups per kind, cycling through each kind's codes in order. */
export async function runTrackingRounds(plan: RoundsPlan): Promise<Record<TrackingKind, LoadResult>> {
  const perRound = Math.max(1, Math.floor(plan.perKind / plan.rounds));
  const runs = Object.fromEntries(TRACKING_KINDS.map((k) => [k, { latencies: [] as number[], seconds: 0, errors: 0, firstError: null as string | null }]));
  for (let round = 0; round < plan.rounds; round++) {
    for (const kind of TRACKING_KINDS) {
      const codes = plan.codes[kind];
      const base = (plan.offset ?? 0) + round * perRound;
      const run = runs[kind]!;
      const result = await runLoad({
        count: perRound,
        concurrency: plan.concurrency,
        latencies: run.latencies,
        task: (i) => lookUp(plan.baseUrl, codes[(base + i) % codes.length]!, TRACKING_STATUS[kind]),
      });
      run.seconds += result.seconds;
      run.errors += result.errors;
      run.firstError ??= result.firstError;
    }
  }
  const summary = (kind: TrackingKind) => {
    const { latencies, ...rest } = runs[kind]!;
    return summarizeLoad(latencies, { ...rest, concurrency: plan.concurrency });
  };
  return { issued: summary('issued'), unknown: summary('unknown'), nearMiss: summary('nearMiss') };
}
