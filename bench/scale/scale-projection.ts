/**
 * Worker RSS and Temporal history storage at 100,000 open tickets, extrapolated linearly from two samples with the
 * cache full (after the background fill and with every ticket open), each step of the arithmetic kept as text.
 */
import type { ScaleSample } from './scale-sample';

export const PROJECTED_TICKETS = 100_000;

export interface Projection {
  rssBytes: number;
  /** The same projection with only the heaps' growth after GC (RSS growth beyond it may be allocator noise). */
  rssHeapOnlyBytes: number;
  temporalBytes: number;
  /** RSS added per open ticket beyond the cache (between the two samples), and history bytes per ticket. */
  rssSlopeBytes: number;
  temporalBytesPerTicket: number;
  arithmetic: string[];
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;

/** Projects from `idle` (nothing open), `mid` and `loaded` (both with the cache full) to `PROJECTED_TICKETS`. */
export function project(idle: ScaleSample, mid: ScaleSample, loaded: ScaleSample, cacheSize: number): Projection {
  const n = loaded.openTickets;
  const more = PROJECTED_TICKETS - n;
  const rssSlopeBytes = (loaded.memory.rssBytes - mid.memory.rssBytes) / (n - mid.openTickets);
  // A shrinking RSS between two samples is the allocator giving pages back, not a ticket freeing memory: no growth.
  const rssBytes = loaded.memory.rssBytes + Math.max(0, rssSlopeBytes) * more;
  const slope = (pick: (s: ScaleSample) => number) => (pick(loaded) - pick(mid)) / (n - mid.openTickets);
  const mainSlope = slope((s) => s.memory.heapUsedBytes);
  const threadSlope = slope((s) => s.memory.workflowHeapBytes);
  const rssHeapOnlyBytes = loaded.memory.rssBytes + Math.max(0, mainSlope + threadSlope) * more;
  const temporalBytesPerTicket = (loaded.temporalBytes - idle.temporalBytes) / n;
  const temporalBytes = idle.temporalBytes + temporalBytesPerTicket * PROJECTED_TICKETS;
  return {
    rssBytes,
    rssHeapOnlyBytes,
    temporalBytes,
    rssSlopeBytes,
    temporalBytesPerTicket,
    arithmetic: [
      `RSS beyond the cache (${cacheSize} workflows, full at both samples): (${mib(loaded.memory.rssBytes)} at ${n} − ${mib(mid.memory.rssBytes)} at ${mid.openTickets}) ÷ ${n - mid.openTickets} tickets = ${kib(rssSlopeBytes)} per ticket`,
      `  of which, over the same tickets after GC: main heap ${kib(mainSlope)}, workflow-thread heap ${kib(threadSlope)} per ticket (the rest is native: core, the allocator's retained pages; noisy over few tickets)`,
      `RSS at ${PROJECTED_TICKETS.toLocaleString('en')}: ${mib(loaded.memory.rssBytes)} + max(0, ${kib(rssSlopeBytes)}) × ${more.toLocaleString('en')} = ${mib(rssBytes)} (same cache size)`,
      `  if only the heaps grow: ${mib(loaded.memory.rssBytes)} + max(0, ${kib(mainSlope)} + ${kib(threadSlope)}) × ${more.toLocaleString('en')} = ${mib(rssHeapOnlyBytes)}`,
      `Temporal history on disk: (${mib(loaded.temporalBytes)} − ${mib(idle.temporalBytes)} empty) ÷ ${n} tickets = ${kib(temporalBytesPerTicket)} per ticket (opened, triaged, first task; before any breach)`,
      `Temporal history at ${PROJECTED_TICKETS.toLocaleString('en')}: ${mib(idle.temporalBytes)} + ${kib(temporalBytesPerTicket)} × ${PROJECTED_TICKETS.toLocaleString('en')} = ${mib(temporalBytes)}`,
    ],
  };
}
