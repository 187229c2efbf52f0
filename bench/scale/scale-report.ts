/** The scale run's figures as text, and as JSON in bench/results/scale-latest.json (gitignored). */
import fs from 'node:fs/promises';
import path from 'node:path';
import { machineLine, type Machine } from '../machine';
import type { ProcessComparison } from './scale-compare';
import type { FillAndBreach } from './scale-fill';
import type { ScaleOptions } from './scale-options';
import type { Projection } from './scale-projection';
import { churnIn, counterDelta, type CacheChurn } from './worker-metrics';

export interface ScaleResults {
  at: string;
  database: string;
  machine: Machine;
  loadAtEnd: number;
  options: ScaleOptions;
  worker: { maxCachedWorkflows: number; reuseV8Context: boolean };
  run: FillAndBreach;
  /** Per open ticket with every ticket open (loaded − idle) ÷ tickets, in KiB. */
  perOpenTicketKiB: { rss: number; mainHeap: number; workflowHeap: number };
  projection: Projection;
  comparison: ProcessComparison;
  runtimeSeconds: number;
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const s1 = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
const counters = (c: Record<string, number>) => Object.entries(c).map(([k, v]) => `${k.replace(/^temporal_/, '')} ${Math.round(v)}`).join(', ') || 'none scraped';

const churn = (c: CacheChurn) => `${c.evictions} forced evictions, ${c.misses} replays (sticky-cache misses: a task for an evicted run, rebuilt from its history), ${c.hits} cache hits`;

/** The report printed to stdout. */
export function formatScale(r: ScaleResults): string {
  const { run, projection: p, comparison: c } = r;
  const { idle, loaded } = run.samples;
  const late = run.lateness;
  const fillCounters = counterDelta(idle.counters, loaded.counters);
  return [
    `### Scale: ${r.options.tickets.toLocaleString('en')} open tickets, worker cache ${r.worker.maxCachedWorkflows} (${r.database})`,
    '',
    `Machine: ${machineLine(r.machine)}; 1-minute load ${r.machine.loadAtStart.toFixed(2)} at start, ${r.loadAtEnd.toFixed(2)} at end`,
    '',
    `- tickets: ${run.counts.background} background, then ${run.counts.breach} breach (${late.breaches} breached), then ${run.counts.tail} tail (pushes the breach tickets out of the cache)`,
    `- background fill: intake ${run.background.intake.perSecond.toFixed(1)}/s (p50 ${run.background.intake.p50Ms.toFixed(0)} ms), 201 → first task ${run.background.lifecyclePerSecond.toFixed(1)} tickets/s, ${run.background.lifecycleSeconds.toFixed(0)} s`,
    `- worker with all open, after GC: RSS ${mib(loaded.memory.rssBytes)} (idle ${mib(idle.memory.rssBytes)}), main heap ${mib(loaded.memory.heapUsedBytes)}, workflow-thread heap ${mib(loaded.memory.workflowHeapBytes)}`,
    `  → per open ticket: RSS ${r.perOpenTicketKiB.rss} KiB, main heap ${r.perOpenTicketKiB.mainHeap} KiB, workflow heap ${r.perOpenTicketKiB.workflowHeap} KiB; target RSS < 1.5 GB: ${met(loaded.memory.rssBytes < 1.5e9)}`,
    `- workflow cache while filling (${r.options.tickets} tickets): ${churn(churnIn(fillCounters))}`,
    `  in the breach minute (${late.breaches} breaches): ${churn(churnIn(run.breachCounters))}`,
    `  (worker's Prometheus counters; all of them: while filling ${counters(fillCounters)}; breach minute ${counters(run.breachCounters)})`,
    `- breach gate: ${run.gate.explained}; every ticket had its first task ${run.caughtUpBeforeGateSeconds.toFixed(0)} s before it`,
    `- escalation lateness (sla.breached time − deadline), ${late.breaches} breaches due ${new Date(late.firstDueAtMs).toISOString()} … ${new Date(late.lastDueAtMs).toISOString()}:`,
    `  p50 ${s1(late.p50Ms)}, p99 ${s1(late.p99Ms)}, max ${s1(late.maxMs)}; target p99 ≤ 1 s: ${met(late.p99Ms <= 1000)}; all stored ${run.allBreachesStoredAfterLastDeadlineSeconds?.toFixed(1) ?? 'NOT'} s after the last deadline`,
    `- projection to ${(100_000).toLocaleString('en')} open tickets:`,
    ...p.arithmetic.map((line) => `  ${line}`),
    `- 1 vs 2 processes (${c.tickets} tickets each side, client concurrency ${r.options.concurrency} both times; the servers share the same cores, so read the ratio with the load above):`,
    `  intake ${c.one.intake.perSecond.toFixed(1)}/s → ${c.two.intake.perSecond.toFixed(1)}/s (${c.ratios.intake.toFixed(2)}×); 201 → first task ${c.one.lifecyclePerSecond.toFixed(1)} → ${c.two.lifecyclePerSecond.toFixed(1)} tickets/s (${c.ratios.lifecycle.toFixed(2)}×)`,
    `- whole run ${Math.round(r.runtimeSeconds)} s`,
  ].join('\n');
}

/** Writes `bench/results/scale-latest.json`; returns its path. */
export async function writeScaleResults(r: ScaleResults): Promise<string> {
  const dir = path.join(__dirname, '..', 'results');
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, 'scale-latest.json');
  await fs.writeFile(file, `${JSON.stringify(r, null, 2)}\n`);
  return file;
}
