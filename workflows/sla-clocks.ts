/**
 * SLA clocks of a ticket: started, paused, resumed and met by the lifecycle and the handlers. Every state change is
 * synchronous (domain/sla-clock.ts); only the calendar math that places a run's instants awaits an activity, and its
 * answer applies only to the run it was asked for.
 */
import { applyComputation, computationFor, meet, newClock, pause, resume, retarget, type ClockState, type ClockTargets } from '../domain/sla-clock';
import type { SlaClock } from '../domain/sla-policy';
import { calendarMath } from './activity-options';
import { record, SYSTEM } from './ticket-recorder';
import type { TicketState } from './ticket-state';

type PolicyClock = Exclude<SlaClock, 'step'>;

const TARGET_KEY: Record<PolicyClock, 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes'> = {
  firstResponse: 'firstResponseMinutes',
  nextResponse: 'nextResponseMinutes',
  resolution: 'resolutionMinutes',
};

function plan(s: TicketState) {
  if (!s.plan) throw new Error('ticket has no plan yet');
  return s.plan;
}

/** Warning and ladder of the ticket's SLA policy, around a target. */
function withPolicy(s: TicketState, targetMinutes: number): ClockTargets {
  const p = plan(s);
  return { targetMinutes, warningAtPercent: p.warningAtPercent, ladderAfterMinutes: p.escalationLadder.map((l) => l.afterMinutes) };
}

/** The clock's targets at the ticket's current priority (plans from before release 0.4 know only the initial one). */
function targetsOf(s: TicketState, clock: PolicyClock): ClockTargets {
  const p = plan(s);
  const targets = p.targetsByPriority?.[s.priority] ?? p.targets;
  return withPolicy(s, targets[TARGET_KEY[clock]]);
}

async function placeInstants(s: TicketState, c: ClockState): Promise<void> {
  const asked = computationFor(c);
  const answer = await calendarMath.computeClockInstants({ calendar: plan(s).calendar, asked });
  if (applyComputation(c, asked, answer)) s.slaVersion += 1;
}

/** Starts (or restarts) a clock counting from `fromMs`. */
export async function startClock(s: TicketState, clock: PolicyClock, fromMs: number): Promise<void> {
  await startWith(s, clock, targetsOf(s, clock), fromMs);
}

/** Starts the `step` clock for a process step with its own target (the policy's warning and ladder around it). */
export async function startStepClock(s: TicketState, targetMinutes: number, fromMs: number): Promise<void> {
  await startWith(s, 'step', withPolicy(s, targetMinutes), fromMs);
}

async function startWith(s: TicketState, clock: SlaClock, targets: ClockTargets, fromMs: number): Promise<void> {
  const c = newClock(targets, fromMs, s.clocks[clock]?.breachNumber ?? 0);
  s.clocks[clock] = c;
  s.slaVersion += 1;
  await placeInstants(s, c);
}

/** A first-response clock whose target was met before the ticket was triaged (an early reply counts). */
export function startMetClock(s: TicketState, clock: PolicyClock, fromMs: number, metAtMs: number): ClockState {
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

/**
 * After a priority change: every open clock counts on against the new priority's targets, keeping the time it used.
 * Plans from before release 0.4 carry no per-priority targets: their clocks keep theirs (as those runs recorded).
 */
export async function retargetClocks(s: TicketState, atMs: number): Promise<SlaClock[]> {
  if (!s.plan?.targetsByPriority) return [];
  // A step's own target does not depend on the priority.
  const changed = (Object.keys(s.clocks) as SlaClock[]).filter((name) => name !== 'step' && retarget(s.clocks[name]!, targetsOf(s, name), atMs));
  if (changed.length === 0) return changed;
  s.slaVersion += 1;
  await Promise.all(changed.map((name) => (s.clocks[name]!.paused ? Promise.resolve() : placeInstants(s, s.clocks[name]!))));
  return changed;
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
