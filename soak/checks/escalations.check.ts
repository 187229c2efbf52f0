/**
 * No escalation twice, none missing: each ladder level fires at most once per clock and breach, levels fire in order,
 * every level whose time came (for a clock still breached) has fired, and no level's side effects failed.
 */
import type { SlaClock } from '../../domain/sla-policy';
import { SOAK_LADDER } from '../soak-sla';
import { FIRE_GRACE_MS, tally, type Check } from './check';

export const escalationsCheck: Check = (observed, ledger) => {
  const t = tally('escalations');
  for (const rec of ledger) {
    if (!rec.id) continue;
    const events = observed.events.get(rec.id) ?? [];
    const fired = new Map<string, number>();
    for (const e of events.filter((x) => x.type === 'escalation.level')) {
      const { clock, breachNumber, level } = e.data as { clock: string; breachNumber: number; level: number };
      const key = `${clock}:${breachNumber}:${level}`;
      t.check();
      fired.set(key, (fired.get(key) ?? 0) + 1);
      if (fired.get(key) === 2) t.duplicate(`${rec.id} level ${key}`);
      if (level > 0 && !fired.has(`${clock}:${breachNumber}:${level - 1}`)) t.lose(`${rec.id} level before ${key}`);
    }
    for (const e of events.filter((x) => x.type === 'escalation.failed')) t.lose(`${rec.id} escalation.failed ${JSON.stringify(e.data)}`);
    const ticket = observed.tickets.get(rec.id);
    for (const [clock, c] of Object.entries(ticket?.sla ?? {}) as Array<[SlaClock, NonNullable<NonNullable<typeof ticket>['sla'][SlaClock]>]>) {
      if (c.status !== 'breached' || c.breachedAtMs === null) continue;
      const breaches = events.filter((e) => e.type === 'sla.breached' && (e.data as { clock: string }).clock === clock);
      const breachNumber = (breaches.at(-1)?.data as { breachNumber?: number } | undefined)?.breachNumber;
      SOAK_LADDER.forEach((step, level) => {
        const dueAtMs = c.breachedAtMs! + step.afterMinutes * 60_000;
        if (dueAtMs < observed.atMs - FIRE_GRACE_MS && !fired.has(`${clock}:${breachNumber}:${level}`)) t.lose(`${rec.id} ${clock} breach ${breachNumber} level ${level} never fired`);
      });
    }
  }
  return t.result;
};
