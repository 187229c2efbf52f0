/** Watches the SLA clocks: warns before a deadline, records a breach, and climbs the escalation ladder level by level. */
import { condition } from '@temporalio/workflow';
import { breach } from '../domain/sla-clock';
import { fireNextLevel } from './escalation';
import { record, SYSTEM } from './ticket-recorder';
import { lifecycleOver, type TicketState } from './ticket-state';
import { nextSlaDue, type SlaDue } from './ticket-views';

async function fire(s: TicketState, due: SlaDue): Promise<void> {
  const c = s.clocks[due.clock];
  if (!c) return;
  switch (due.kind) {
    case 'warn':
      c.warned = true;
      s.slaVersion += 1;
      await record(s, 'sla.warning', SYSTEM, { clock: due.clock, dueAtMs: c.dueAtMs });
      return;
    case 'breach':
      breach(c, due.atMs);
      s.breachCount += 1;
      s.slaVersion += 1;
      await record(s, 'sla.breached', SYSTEM, { clock: due.clock, dueAtMs: due.atMs, breachNumber: c.breachNumber });
      return;
    case 'level':
      fireNextLevel(s, due.clock);
      return;
  }
}

/** Runs until the ticket closes, sleeping until the next SLA instant and re-planning whenever a clock changes. */
export async function runSlaMonitor(s: TicketState): Promise<void> {
  while (!lifecycleOver(s)) {
    const version = s.slaVersion;
    const due = nextSlaDue(s);
    const changed = () => s.slaVersion !== version || lifecycleOver(s);
    if (!due) {
      await condition(changed);
      continue;
    }
    const wait = due.atMs - Date.now();
    if (wait > 0 && (await condition(changed, wait))) continue;
    s.inFlight += 1;
    try {
      await fire(s, due);
    } finally {
      s.inFlight -= 1;
    }
  }
}
