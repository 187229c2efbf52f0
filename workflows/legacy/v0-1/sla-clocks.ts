/**
 * SLA clocks: started, paused, resumed and met by the lifecycle. State changes happen synchronously first (so the
 * monitor never acts on a stale clock); the calendar math that follows runs as a recorded activity.
 */
import type { SlaClock } from '../../../domain/sla-policy';
import { calendarMath } from './activity-options';
import type { ClockState, TicketState } from './ticket-state';

function plan(s: TicketState) {
  if (!s.plan) throw new Error('ticket has no plan yet');
  return s.plan;
}

// Release 0.1.0 had no step clocks.
const TARGET_KEY: Record<Exclude<SlaClock, 'step'>, 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes'> = {
  firstResponse: 'firstResponseMinutes',
  nextResponse: 'nextResponseMinutes',
  resolution: 'resolutionMinutes',
};

async function scheduleRun(s: TicketState, c: ClockState, fromMs: number): Promise<void> {
  const p = plan(s);
  const left = c.targetMinutes - c.consumedMinutes;
  const warnLeft = (c.targetMinutes * p.warningAtPercent) / 100 - c.consumedMinutes;
  const [due, warn] = await calendarMath.computeBusinessInstants({ calendar: p.calendar, fromMs, minutes: [left, warnLeft] });
  if (c.paused || c.metAtMs !== null || c.resumedAtMs !== fromMs) return; // superseded while computing
  c.dueAtMs = due ?? null;
  c.warnAtMs = warnLeft > 0 ? (warn ?? null) : null;
  s.slaVersion += 1;
}

/** Starts (or restarts) a clock counting from `fromMs`. */
export async function startClock(s: TicketState, clock: Exclude<SlaClock, 'step'>, fromMs: number): Promise<void> {
  const c: ClockState = {
    targetMinutes: plan(s).targets[TARGET_KEY[clock]],
    paused: false,
    consumedMinutes: 0,
    resumedAtMs: fromMs,
    dueAtMs: null,
    warnAtMs: null,
    warned: false,
    breachedAtMs: null,
    metAtMs: null,
    breachNumber: (s.clocks[clock]?.breachNumber ?? 0),
    ladderAtMs: [],
    nextLevel: 0,
    escalationLevel: -1,
  };
  s.clocks[clock] = c;
  s.slaVersion += 1;
  await scheduleRun(s, c, fromMs);
}

/** Whether a clock is counting towards a target that has not been met. */
export function isOpen(c: ClockState | undefined): c is ClockState {
  return !!c && c.metAtMs === null;
}

/** Marks a clock's target met; its ladder stops. */
export function meetClock(s: TicketState, clock: SlaClock, atMs: number): boolean {
  const c = s.clocks[clock];
  if (!isOpen(c)) return false;
  c.metAtMs = atMs;
  s.slaVersion += 1;
  return true;
}

/** Pauses a clock (waiting on the customer), banking the business minutes used so far. */
export async function pauseClock(s: TicketState, clock: SlaClock, atMs: number): Promise<void> {
  const c = s.clocks[clock];
  if (!isOpen(c) || c.paused) return;
  c.paused = true;
  s.slaVersion += 1;
  const used = await calendarMath.measureBusinessMinutes({ calendar: plan(s).calendar, fromMs: c.resumedAtMs, toMs: atMs });
  c.consumedMinutes += used;
}

/** Resumes a paused clock from `atMs` with what is left of its target; a breached clock's ladder resumes too. */
export async function resumeClock(s: TicketState, clock: SlaClock, atMs: number): Promise<void> {
  const c = s.clocks[clock];
  if (!isOpen(c) || !c.paused) return;
  c.paused = false;
  c.resumedAtMs = atMs;
  s.slaVersion += 1;
  if (c.breachedAtMs === null) {
    c.dueAtMs = null;
    return scheduleRun(s, c, atMs);
  }
  const ladder = plan(s).escalationLadder;
  const firedAt = ladder[c.nextLevel - 1]?.afterMinutes ?? 0;
  const offsets = ladder.map((l, i) => (i < c.nextLevel ? 0 : l.afterMinutes - firedAt));
  const instants = await calendarMath.computeBusinessInstants({ calendar: plan(s).calendar, fromMs: atMs, minutes: offsets });
  if (c.paused || c.metAtMs !== null || c.resumedAtMs !== atMs) return;
  c.ladderAtMs = instants;
  s.slaVersion += 1;
}
