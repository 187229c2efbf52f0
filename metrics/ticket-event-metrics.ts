/** What the worker measures where it stores ticket events: write latency, SLA breach lateness, escalations. */
import { z } from 'zod';
import { SLA_CLOCKS } from '../domain/sla-policy';
import type { TicketEvent, TicketEventType } from '../domain/ticket-events';
import { counter, histogram, type Registry } from './registry';

export type EventWriteOutcome = 'stored' | 'failed';

/** The seam activities measure through (ActivityDeps.metrics). */
export interface TicketEventMetrics {
  /** One write of a batch of events took `seconds`. */
  observeWrite(seconds: number, outcome: EventWriteOutcome): void;
  /** Events this write stored for the first time (a retry passes only the ones it inserted, so nothing counts twice). */
  countStored(events: readonly TicketEvent[]): void;
}

// Parsed, not trusted: event data is free-form, and the schemas also bound each label to known values.
const BreachSchema = z.object({ clock: z.enum(SLA_CLOCKS), dueAtMs: z.number() });
const EscalationSchema = z.object({ clock: z.enum(SLA_CLOCKS), level: z.number().int().min(0).max(99) });

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const LATENESS_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

/** The ticket-event instruments in `registry` (created on first use). */
export function ticketEventMetrics(registry: Registry): TicketEventMetrics {
  const writes = histogram(registry, {
    name: 'meridian_event_write_duration_seconds',
    help: 'Time to store one batch of ticket events and bring the ticket and task read models up to date.',
    labelNames: ['outcome'],
    buckets: SECONDS,
  });
  const lateness = histogram(registry, {
    name: 'meridian_sla_breach_lateness_seconds',
    help: "From an SLA deadline to the moment the ticket's workflow recorded its breach (Temporal's clock).",
    labelNames: ['clock'],
    buckets: LATENESS_SECONDS,
  });
  const escalations = counter(registry, {
    name: 'meridian_escalations_total',
    help: 'Escalation ladder levels whose effects were applied or failed, by SLA clock and level (0 = first).',
    labelNames: ['clock', 'level', 'outcome'],
  });

  const onStored: Partial<Record<TicketEventType, (event: TicketEvent) => void>> = {
    'sla.breached': (event) => {
      const data = BreachSchema.safeParse(event.data);
      // Both instants are workflow time (the Temporal server's), so worker clock skew cannot enter.
      if (data.success) lateness.observe({ clock: data.data.clock }, (event.atMs - data.data.dueAtMs) / 1000);
    },
    'escalation.level': (event) => countEscalation(event, 'applied'),
    'escalation.failed': (event) => countEscalation(event, 'failed'),
  };
  function countEscalation(event: TicketEvent, outcome: 'applied' | 'failed'): void {
    const data = EscalationSchema.safeParse(event.data);
    if (data.success) escalations.inc({ clock: data.data.clock, level: String(data.data.level), outcome });
  }

  return {
    observeWrite: (seconds, outcome) => writes.observe({ outcome }, seconds),
    countStored: (events) => {
      for (const event of events) onStored[event.type]?.(event);
    },
  };
}
