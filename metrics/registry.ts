/**
 * The Prometheus registry and its instruments. Composition roots (api/server.ts, worker/main.ts, scripts/start.ts)
 * create one registry per process and hand it down; nothing registers at import time.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CounterConfiguration, GaugeConfiguration, HistogramConfiguration } from 'prom-client';

export { Registry };

/** A registry for one process; with `processMetrics`, also prom-client's process_* and nodejs_* metrics. */
export function createMetricsRegistry({ processMetrics }: { processMetrics: boolean }): Registry {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}

// Get-or-create: a process that builds a second app or restarts its worker on the same registry (npm start's
// single process, tests) reuses the instruments instead of failing on a duplicate name.

/** The histogram named `config.name` in `registry`, created on first use. */
export function histogram<L extends string>(registry: Registry, config: HistogramConfiguration<L>): Histogram<L> {
  return (registry.getSingleMetric(config.name) as Histogram<L> | undefined) ?? new Histogram({ ...config, registers: [registry] });
}

/** The counter named `config.name` in `registry`, created on first use. */
export function counter<L extends string>(registry: Registry, config: CounterConfiguration<L>): Counter<L> {
  return (registry.getSingleMetric(config.name) as Counter<L> | undefined) ?? new Counter({ ...config, registers: [registry] });
}

/** The gauge named `config.name` in `registry`, created on first use. */
export function gauge<L extends string>(registry: Registry, config: GaugeConfiguration<L>): Gauge<L> {
  return (registry.getSingleMetric(config.name) as Gauge<L> | undefined) ?? new Gauge({ ...config, registers: [registry] });
}

/** Seconds since `startedNs` (a `process.hrtime.bigint()` reading). */
export function secondsSince(startedNs: bigint): number {
  return Number(process.hrtime.bigint() - startedNs) / 1e9;
}
