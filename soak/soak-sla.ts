/** The soak's SLA policy: second-scale targets, so first-response, next-response and resolution deadlines fall due during a run. */
import type { TestSla } from '../tests/support/test-config';

const SECOND = 1 / 60;

/** Escalation ladder: levels 10 s apart after a breach (the last notifies ops). */
export const SOAK_LADDER = [
  { afterMinutes: 0, actions: [{ type: 'notify_assignee' as const }] },
  { afterMinutes: 10 * SECOND, actions: [{ type: 'reassign_to_lead' as const }, { type: 'raise_priority' as const }] },
  { afterMinutes: 20 * SECOND, actions: [{ type: 'notify_ops' as const }] },
];

export const SOAK_SLA: TestSla = {
  targets: { firstResponseMinutes: 40 * SECOND, nextResponseMinutes: 60 * SECOND, resolutionMinutes: 3 },
  warningAtPercent: 50,
  ladder: SOAK_LADDER,
  reopenWindowMinutes: 60,
};
