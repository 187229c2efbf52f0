import type { z } from 'zod';
import type { EscalationLevel, SlaPolicySchema, SlaTargets } from '../../domain/sla-policy';

type SlaPolicyInput = z.input<typeof SlaPolicySchema>;

const HOUR = 60;
const DAY = 8 * HOUR; // one business day of an eight-hour calendar

function targets(firstResponseMinutes: number, nextResponseMinutes: number, resolutionMinutes: number): SlaTargets {
  return { firstResponseMinutes, nextResponseMinutes, resolutionMinutes };
}

/** Business-hours targets shared by the real regions (business minutes, on each region's own calendar). */
const BUSINESS_TARGETS = {
  urgent: targets(30, HOUR, 4 * HOUR),
  high: targets(HOUR, 2 * HOUR, DAY),
  normal: targets(4 * HOUR, DAY, 3 * DAY),
  low: targets(DAY, 2 * DAY, 5 * DAY),
};

/** Tell the assignee at once, hand to the lead and raise priority after 30 min, then the next department and ops. */
const BUSINESS_LADDER: EscalationLevel[] = [
  { afterMinutes: 0, actions: [{ type: 'notify_assignee' }] },
  { afterMinutes: 30, actions: [{ type: 'reassign_to_lead' }, { type: 'raise_priority' }] },
  { afterMinutes: 2 * HOUR, actions: [{ type: 'reassign_to_department' }, { type: 'notify_ops' }] },
];

function businessPolicy(regionId: string, name: string): SlaPolicyInput {
  return { id: `${regionId}-standard`, name, regionId, targets: BUSINESS_TARGETS, warningAtPercent: 80, escalationLadder: BUSINESS_LADDER };
}

const FAST = targets(1, 2, 3);

/** Demo SLA policies: one per region; demo-fast breaches after one minute and climbs the whole ladder in one more. */
export const DEMO_SLA_POLICIES: SlaPolicyInput[] = [
  businessPolicy('us-east', 'US East standard'),
  businessPolicy('eu-central', 'Central Europe standard'),
  businessPolicy('apac-vn', 'Vietnam standard'),
  {
    id: 'demo-fast-standard',
    name: 'Demo: minute-scale SLA',
    regionId: 'demo-fast',
    targets: { urgent: FAST, high: FAST, normal: FAST, low: FAST },
    warningAtPercent: 50,
    escalationLadder: [
      { afterMinutes: 0, actions: [{ type: 'notify_assignee' }] },
      { afterMinutes: 0.5, actions: [{ type: 'reassign_to_lead' }, { type: 'raise_priority' }] },
      { afterMinutes: 1, actions: [{ type: 'notify_ops' }] },
    ],
    reopenWindowMinutes: 10,
  },
];
