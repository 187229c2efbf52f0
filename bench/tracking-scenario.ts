/** The tracking scenario: three kinds of lookups, first sight and repeated, the limiter's store, the heap they leave. */
import { heapAfterGc } from './api-heap';
import { lookupHashMicros } from './hash-cost';
import { runLoad, type LoadResult } from './load';
import type { BenchServers } from './servers';
import { runTrackingRounds } from './tracking-rounds';
import { lookUp, trackingCodes, unknownCodes, type TrackingKind } from './tracking';

export interface TrackingShape {
  /** Lookups of each kind in the repeated phase. */
  repeat: number;
  concurrency: number;
  rounds: number;
}

export interface TrackingResults {
  rounds: number;
  /** How many distinct codes of each kind (issued: the tickets intake opened). */
  codesPerKind: number;
  /** Each code looked up for the first time: nothing about it is cached yet. */
  firstSight: Record<TrackingKind, LoadResult>;
  /** The same codes again and again: what a cache serves. */
  repeat: Record<TrackingKind, LoadResult>;
  /** The same repeated lookups (at most UNCACHED_LOOKUPS of each kind) through an API with the tracking cache off. */
  uncached: Record<TrackingKind, LoadResult>;
  /** Customers polling: HOT_CODES codes of each kind looked up again and again, cache on and off. */
  hot: { codesPerKind: number; cached: Record<TrackingKind, LoadResult>; uncached: Record<TrackingKind, LoadResult> };
  /** Issued codes again, through an API whose rate limiter counts in the database (RATE_LIMIT_STORE=mongodb). */
  repeatSharedLimit: LoadResult;
  /** This (API) process's used heap after GC before the first lookup and after the last. */
  heapBytes: { before: number; after: number };
  /**
   * Repeated and polling lookups of issued codes through the API in its own process (the rows above share the load
   * loop's thread with it), and that process's heap after GC before and after them.
   */
  apiProcess: { repeat: LoadResult; hot: LoadResult; heapBytes: { before: number; after: number } };
  /** CPU time of the HMACs a lookup computes, in µs. */
  hashMicros: number;
}

/** Lookups of each kind through the API without the cache (each reads the database: slow, so fewer). */
const UNCACHED_LOOKUPS = 1_200;

/** Codes of each kind in the polling phase: few enough that each is looked up several times a second. */
const HOT_CODES = 40;

/** Lookups a repeated-phase run with RATE_LIMIT_STORE=mongodb makes at most, and for how long at most. */
const SHARED_LIMIT_RUN = { count: 1_000, maxSeconds: 30 };

/** Looks up never-issued codes (not among the measured ones) so that the first measured lookups run optimised code. */
async function warmUp(baseUrl: string, concurrency: number): Promise<void> {
  const codes = unknownCodes(64);
  await runLoad({ count: codes.length, concurrency, task: (i) => lookUp(baseUrl, codes[i]!, 404) });
}

/** Measures every kind of lookup, interleaved in rounds, first on codes never looked up, then repeated. */
export async function measureTrackingScenario(s: BenchServers, shape: TrackingShape, issued: string[], log: (line: string) => void): Promise<TrackingResults> {
  const codes = trackingCodes(issued);
  const plan = { baseUrl: s.baseUrl, codes, rounds: shape.rounds, concurrency: shape.concurrency };
  const before = heapAfterGc();
  await warmUp(s.baseUrl, shape.concurrency);
  log(`tracking, first sight: ${issued.length} codes of each kind, ${shape.rounds} rounds …`);
  const firstSight = await runTrackingRounds({ ...plan, perKind: issued.length });
  log(`tracking, repeated: ${shape.repeat} lookups of each kind …`);
  const repeat = await runTrackingRounds({ ...plan, perKind: shape.repeat, offset: issued.length });
  const after = heapAfterGc();
  log(`tracking, repeated, cache off: ${Math.min(shape.repeat, UNCACHED_LOOKUPS)} lookups of each kind …`);
  const uncached = await runTrackingRounds({ ...plan, baseUrl: s.uncachedBaseUrl, perKind: Math.min(shape.repeat, UNCACHED_LOOKUPS), offset: issued.length });
  const perKind = Math.min(shape.repeat, UNCACHED_LOOKUPS);
  const hotCodes = Object.fromEntries(Object.entries(codes).map(([kind, list]) => [kind, list.slice(0, HOT_CODES)])) as typeof codes;
  log(`tracking, polling ${HOT_CODES} codes of each kind: ${perKind} lookups of each kind, cache on, then off …`);
  const hot = {
    codesPerKind: HOT_CODES,
    cached: await runTrackingRounds({ ...plan, codes: hotCodes, perKind }),
    uncached: await runTrackingRounds({ ...plan, codes: hotCodes, baseUrl: s.uncachedBaseUrl, perKind }),
  };
  log('tracking, repeated, RATE_LIMIT_STORE=mongodb …');
  const repeatSharedLimit = await runLoad({
    ...SHARED_LIMIT_RUN,
    concurrency: shape.concurrency,
    task: (i) => lookUp(s.sharedLimitBaseUrl, issued[i % issued.length]!, 200),
  });
  const apiProcess = await measureApiProcess(s, shape, codes, hotCodes, log);
  return { rounds: shape.rounds, codesPerKind: issued.length, firstSight, repeat, uncached, hot, repeatSharedLimit, heapBytes: { before, after }, apiProcess, hashMicros: lookupHashMicros(s.config, issued[0]!) };
}

/** Issued codes only, repeated then polled, through the API process (after a warm-up of its own). */
async function measureApiProcess(s: BenchServers, shape: TrackingShape, codes: Record<TrackingKind, string[]>, hotCodes: Record<TrackingKind, string[]>, log: (line: string) => void): Promise<TrackingResults['apiProcess']> {
  const { url } = s.apiProcess;
  const before = await s.apiProcess.heapAfterGc();
  await warmUp(url, shape.concurrency);
  log(`tracking through the API in its own process: ${shape.repeat} repeated lookups of issued codes, then as many polling ${HOT_CODES} …`);
  const lookups = (list: string[], count: number) => runLoad({ count, concurrency: shape.concurrency, task: (i) => lookUp(url, list[i % list.length]!, 200) });
  const repeat = await lookups(codes.issued, shape.repeat);
  const hot = await lookups(hotCodes.issued, shape.repeat);
  return { repeat, hot, heapBytes: { before, after: await s.apiProcess.heapAfterGc() } };
}
