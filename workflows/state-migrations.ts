/**
 * Upgrades a state carried across continue-as-new from an earlier shape. Each release that changes TicketState adds
 * one step here and bumps STATE_VERSION, so a run of any earlier release continues on the current code.
 */
import type { ClockState } from '../domain/sla-clock';
import { STATE_VERSION, type TicketState } from './ticket-state';

/** Release 0.1.0's clock: targets lived in the plan, the used minutes of a pause were banked at once. */
type ClockV1 = Omit<ClockState, 'warnAtMinutes' | 'ladderAfterMinutes' | 'unmeasuredRuns' | 'epoch'>;

function clockFromV1(c: ClockV1, s: TicketState): ClockState {
  const plan = s.plan;
  const warnAt = plan ? (c.targetMinutes * plan.warningAtPercent) / 100 : 0;
  return {
    ...c,
    warnAtMinutes: warnAt > 0 && warnAt < c.targetMinutes ? warnAt : null,
    ladderAfterMinutes: plan?.escalationLadder.map((l) => l.afterMinutes) ?? [],
    unmeasuredRuns: [],
    epoch: 0,
  };
}

/** Release 0.1.0 (no stateVersion) → 2: outbound queue, handled requests, attention, clock runs. */
function fromV1(old: Record<string, unknown>): TicketState {
  const { slaBusy: _slaBusy, ...rest } = old;
  const s = { ...rest, stateVersion: 2, attention: null, inFlight: 0, outbound: [], escalations: [], handled: [] } as unknown as TicketState;
  const clocks = (old.clocks ?? {}) as Record<string, ClockV1>;
  s.clocks = Object.fromEntries(Object.entries(clocks).map(([name, c]) => [name, clockFromV1(c, s)]));
  return s;
}

/** 2 → 3: process steps other than tasks (the step in progress, outcomes, approvals, integration calls). */
function fromV2(old: Record<string, unknown>): Record<string, unknown> {
  return { ...old, stateVersion: 3, step: null, outcomes: {}, approvals: [], integrationFailures: {}, passes: {}, survey: null };
}

/** 3 → 4: parallel steps. */
function fromV3(old: Record<string, unknown>): Record<string, unknown> {
  return { ...old, stateVersion: 4, parallel: null };
}

/** The carried state in the current shape. */
export function migrateState(carried: unknown): TicketState {
  let s = carried as Record<string, unknown>;
  const version = typeof s.stateVersion === 'number' ? s.stateVersion : 1;
  if (version > STATE_VERSION) throw new Error(`state version ${version} is newer than this worker understands (${STATE_VERSION})`);
  if (version < 2) s = fromV1(s) as unknown as Record<string, unknown>;
  if (version < 3) s = fromV2(s);
  if (version < 4) s = fromV3(s);
  return s as unknown as TicketState;
}
