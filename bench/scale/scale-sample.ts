/** A snapshot of the worker at one point of the scale run: memory after GC, Temporal's file size, cache counters. */
import type { MemorySample } from '../worker-process';
import type { ScaleContext } from './scale-context';
import { temporalStorageBytes } from './temporal-storage';
import { scrapeCacheCounters, type CacheCounters } from './worker-metrics';

export interface ScaleSample {
  openTickets: number;
  atMs: number;
  memory: MemorySample;
  temporalBytes: number;
  counters: CacheCounters;
}

/** Samples the worker (GC first, in the main isolate and the workflow threads) with `openTickets` open. */
export async function sampleWorker(ctx: ScaleContext, openTickets: number): Promise<ScaleSample> {
  await new Promise((r) => setTimeout(r, 2_000)); // let the last activity completions and workflow tasks settle
  const memory = await ctx.worker.memory();
  return { openTickets, atMs: Date.now(), memory, temporalBytes: await temporalStorageBytes(ctx.temporalDbFile), counters: await scrapeCacheCounters(ctx.metricsAddress) };
}
