/**
 * SLA clocks of a ticket: started, paused, resumed and met by the lifecycle and the handlers. Every state change is
 * synchronous (domain/sla-clock.ts); only the calendar math that places a run's instants awaits an activity, and its
 * answer applies only to the run it was asked for.
 */
import { applyComputation, computationFor, meet, newClock, pause, resume, type ClockState, type ClockTargets } from '../domain/sla-clock';
import type { SlaClock } from '../domain/sla-policy';
import { calendarMath } from './activity-options';
import { record, SYSTEM } from './ticket-recorder';
import type { TicketState } from './ticket-state';

const TARGET_KEY: Record<SlaClock, 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes'> = {
  firstResponse: 'firstResponseMinutes',
  nextResponse: 'nextResponseMinutes',
  resolution: 'resolutionMinutes',
};

function plan(s: TicketState) {
  if (!s.plan) throw new Error('ticket has no plan yet');
  return s.plan;
}

function targetsOf(s: TicketState, clock: SlaClock): ClockTargets {
  const p = plan(s);
  return { targetMinutes: p.targets[TARGET_KEY[clock]], warningAtPercent: p.warningAtPercent, ladderAfterMinutes: p.escalationLadder.map((l) => l.afterMinutes) };
}

async function placeInstants(s: TicketState, c: ClockState): Promise<void> {
  const asked = computationFor(c);
  const answer = await calendarMath.computeClockInstants({ calendar: plan(s).calendar, asked });
  if (applyComputation(c, asked, answer)) s.slaVersion += 1;
}

/** Starts (or restarts) a clock counting from `fromMs`. */
export async function startClock(s: TicketState, clock: SlaClock, fromMs: number): Promise<void> {
  const c = newClock(targetsOf(s, clock), fromMs, s.clocks[clock]?.breachNumber ?? 0);
  s.clocks[clock] = c;
  s.slaVersion += 1;
  await placeInstants(s, c);
}

/** A first-response clock whose target was met before the ticket was triaged (an early reply counts). */
export function startMetClock(s: TicketState, clock: SlaClock, fromMs: number, metAtMs: number): ClockState {
  const c = newClock(targetsOf(s, clock), fromMs);
  meet(c, metAtMs);
  s.clocks[clock] = c;
  s.slaVersion += 1;
  return c;
}

/** Pauses a clock (waiting on the customer); the time it counted is measured with the next computation. */
export function pauseClock(s: TicketState, clock: SlaClock, atMs: number): void {
  const c = s.clocks[clock];
  if (c && pause(c, atMs)) s.slaVersion += 1;
}

/** Resumes a paused clock from `atMs` with what is left of its target; a breached clock's ladder goes on where it was. */
export async function resumeClock(s: TicketState, clock: SlaClock, atMs: number): Promise<void> {
  const c = s.clocks[clock];
  if (!c || !resume(c, atMs)) return;
  s.slaVersion += 1;
  await placeInstants(s, c);
}

/** Meets the given clocks that are open and records `sla.met` for each; returns the ones met. */
export async function meetClocks(s: TicketState, clocks: readonly SlaClock[], atMs: number): Promise<SlaClock[]> {
  const met = clocks.filter((name) => {
    const c = s.clocks[name];
    return !!c && meet(c, atMs);
  });
  if (met.length === 0) return met;
  s.slaVersion += 1;
  for (const name of met) {
    const c = s.clocks[name]!;
    await record(s, 'sla.met', SYSTEM, { clock: name, metAtMs: atMs, dueAtMs: c.dueAtMs, breachedAtMs: c.breachedAtMs, escalationLevel: c.escalationLevel });
  }
  return met;
}
