/**
 * No SLA timer lost: every running deadline that fell due has fired (its clock is breached), every breached clock has
 * its `sla.breached` event and every met one its `sla.met`, and no breach is recorded twice.
 */
import { FIRE_GRACE_MS, tally, type Check } from './check';

export const slaDeadlinesCheck: Check = (observed, ledger) => {
  const t = tally('SLA deadlines');
  for (const rec of ledger) {
    if (!rec.id) continue;
    const events = observed.events.get(rec.id) ?? [];
    const ofClock = (type: string, clock: string) => events.filter((e) => e.type === type && (e.data as { clock: string }).clock === clock);
    for (const [clock, c] of Object.entries(observed.tickets.get(rec.id)?.sla ?? {})) {
      if (!c) continue;
      t.check();
      if (c.status === 'running' && c.dueAtMs !== null && c.dueAtMs < observed.atMs - FIRE_GRACE_MS) t.lose(`${rec.id} ${clock} due ${new Date(c.dueAtMs).toISOString()}, never fired`);
      if (c.status === 'breached' && ofClock('sla.breached', clock).length === 0) t.lose(`${rec.id} ${clock} breached without sla.breached`);
      if (c.status === 'met' && ofClock('sla.met', clock).length === 0) t.lose(`${rec.id} ${clock} met without sla.met`);
      const breaches = ofClock('sla.breached', clock).map((e) => (e.data as { breachNumber: number }).breachNumber);
      if (new Set(breaches).size < breaches.length) t.duplicate(`${rec.id} ${clock} breaches ${breaches.join(',')}`);
    }
  }
  return t.result;
};
