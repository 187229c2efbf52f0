/**
 * The worker's workflow-cache counters, scraped from the SDK's Prometheus exporter (Rust core's metrics): a sticky
 * cache miss is a workflow task for a run the worker no longer held, which it then rebuilt by replaying its history.
 */
import { httpRequest } from '../http-client';

/** Totals over every label set, by metric name (cache hits and misses, forced evictions, replays, cache size). */
export type CacheCounters = Record<string, number>;

/** Metric names (core's, `temporal_` prefix) that say something about the cache, evictions and replays. */
const WANTED = /sticky_cache|evict|replay|workflow_task_execution_latency_count|workflow_completed|workflow_task_queue_poll_succeed/;

/** Scrapes `http://<address>/metrics` and sums each wanted counter or gauge over its labels. */
export async function scrapeCacheCounters(address: string): Promise<CacheCounters> {
  const res = await httpRequest(`http://${address}`, 'GET', '/metrics');
  const totals: CacheCounters = {};
  for (const line of res.body.split('\n')) {
    const match = /^([a-z_:]+)(\{[^}]*\})?\s+([0-9.eE+-]+)$/.exec(line);
    if (!match || !WANTED.test(match[1]!) || match[1]!.endsWith('_bucket')) continue;
    totals[match[1]!] = (totals[match[1]!] ?? 0) + Number(match[3]);
  }
  return totals;
}

/** `after − before` for every counter (a gauge such as the cache size keeps its value from `after`). */
export function counterDelta(before: CacheCounters, after: CacheCounters): CacheCounters {
  return Object.fromEntries(Object.entries(after).map(([name, v]) => [name, /size$/.test(name) ? v : v - (before[name] ?? 0)]));
}

/** The counts the report names: forced evictions, cache misses (each one a replay) and hits. */
export interface CacheChurn {
  evictions: number;
  misses: number;
  hits: number;
}

// The exporter lists a counter once it was first incremented: one it does not list is still 0.
const named = (counters: CacheCounters, pattern: RegExp) => Object.entries(counters).find(([name]) => pattern.test(name))?.[1] ?? 0;

/**
 * Core's names: `sticky_cache_total_forced_eviction` (a run dropped to make room), `sticky_cache_miss` (a task for a
 * run it no longer held, which it rebuilt by replaying the run's whole history: the replay count), `sticky_cache_hit`.
 * (`workflow_task_replay_latency_count` is no replay count: it grows with every workflow task, its sum stays 0.)
 */
export function churnIn(counters: CacheCounters): CacheChurn {
  return {
    evictions: named(counters, /sticky_cache_total_forced_eviction/),
    misses: named(counters, /sticky_cache_miss/),
    hits: named(counters, /sticky_cache_hit/),
  };
}
