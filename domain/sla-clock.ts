/**
 * One SLA clock as plain data and the pure state changes on it. Business-time arithmetic needs the calendar, which runs
 * in an activity (its result is recorded in history); everything here is synchronous, so a pause and a resume are
 * each one ordered state change and nothing is ever computed from stale used-minutes. Kept free of zod: workflows
 * import it.
 */

/** A stretch of time during which the clock counted (closed by a pause). */
export interface ClockRun {
  fromMs: number;
  toMs: number;
}

export interface ClockState {
  targetMinutes: number;
  /** Business minutes after which a warning fires (null: no warning). */
  warnAtMinutes: number | null;
  /** Business minutes after the breach at which each ladder level fires. */
  ladderAfterMinutes: number[];
  paused: boolean;
  /** Business minutes used by runs already measured. */
  consumedMinutes: number;
  /** Runs closed by a pause whose business minutes are not measured yet (a computation banks them). */
  unmeasuredRuns: ClockRun[];
  /** Start of the current run (or of the last one, while paused). */
  resumedAtMs: number;
  /** Bumped by every start, pause and resume: a computation applies its instants only to the epoch it was made for. */
  epoch: number;
  dueAtMs: number | null;
  warnAtMs: number | null;
  warned: boolean;
  breachedAtMs: number | null;
  metAtMs: number | null;
  breachNumber: number;
  ladderAtMs: number[];
  /** The next ladder level to fire (levels below it have fired). */
  nextLevel: number;
  /** Highest level fired, -1 when none. */
  escalationLevel: number;
}

/** What the calendar must compute for a clock: measure the closed runs, then place its instants from `fromMs`. */
export interface ClockComputation {
  epoch: number;
  fromMs: number;
  runs: ClockRun[];
  consumedMinutes: number;
  /** Clock minutes (from the very start of the clock) of: the due instant, the warning, each ladder level. */
  atClockMinutes: number[];
}

/** The calendar's answer: business minutes of each run, and the instant of each entry of `atClockMinutes`. */
export interface ClockComputationResult {
  runMinutes: number[];
  instants: number[];
}

export interface ClockTargets {
  targetMinutes: number;
  warningAtPercent: number;
  ladderAfterMinutes: number[];
}

/** A clock that starts counting at `fromMs` (a restarted clock keeps counting its breaches). */
export function newClock(t: ClockTargets, fromMs: number, breachNumber = 0): ClockState {
  const warnAt = (t.targetMinutes * t.warningAtPercent) / 100;
  return {
    targetMinutes: t.targetMinutes,
    warnAtMinutes: warnAt > 0 && warnAt < t.targetMinutes ? warnAt : null,
    ladderAfterMinutes: [...t.ladderAfterMinutes],
    paused: false,
    consumedMinutes: 0,
    unmeasuredRuns: [],
    resumedAtMs: fromMs,
    epoch: 0,
    dueAtMs: null,
    warnAtMs: null,
    warned: false,
    breachedAtMs: null,
    metAtMs: null,
    breachNumber,
    ladderAtMs: [],
    nextLevel: 0,
    escalationLevel: -1,
  };
}

/** Whether the clock's target is still to be met. */
export function isOpen(c: ClockState | undefined): c is ClockState {
  return !!c && c.metAtMs === null;
}

/** Whether the clock is counting now and knows its deadline. */
export function isCounting(c: ClockState | undefined): c is ClockState {
  return isOpen(c) && !c.paused && c.dueAtMs !== null;
}

/** Stops the clock at `atMs` (waiting on the customer): the run is closed and kept for measuring. */
export function pause(c: ClockState, atMs: number): boolean {
  if (!isOpen(c) || c.paused) return false;
  c.paused = true;
  c.unmeasuredRuns.push({ fromMs: c.resumedAtMs, toMs: Math.max(atMs, c.resumedAtMs) });
  c.epoch += 1;
  return true;
}

/** Restarts a paused clock at `atMs`; its instants come from the next computation. */
export function resume(c: ClockState, atMs: number): boolean {
  if (!isOpen(c) || !c.paused) return false;
  c.paused = false;
  c.resumedAtMs = atMs;
  c.dueAtMs = null;
  c.warnAtMs = null;
  c.ladderAtMs = [];
  c.epoch += 1;
  return true;
}

/**
 * Gives an open clock new targets from `atMs` (the ticket's priority changed), keeping the time already used: a
 * counting clock closes its run there (measured by the next computation) and counts on from `atMs` against the new
 * target; a paused one takes the targets for when it resumes. A warning or breach that happened stays.
 */
export function retarget(c: ClockState, t: ClockTargets, atMs: number): boolean {
  if (!isOpen(c)) return false;
  const warnAt = (t.targetMinutes * t.warningAtPercent) / 100;
  c.targetMinutes = t.targetMinutes;
  c.warnAtMinutes = warnAt > 0 && warnAt < t.targetMinutes ? warnAt : null;
  c.ladderAfterMinutes = [...t.ladderAfterMinutes];
  if (!c.paused) {
    c.unmeasuredRuns.push({ fromMs: c.resumedAtMs, toMs: Math.max(atMs, c.resumedAtMs) });
    c.resumedAtMs = Math.max(atMs, c.resumedAtMs);
    c.dueAtMs = null;
    c.warnAtMs = null;
    c.ladderAtMs = [];
  }
  c.epoch += 1;
  return true;
}

/** Marks the target met at `atMs`; the ladder stops. */
export function meet(c: ClockState, atMs: number): boolean {
  if (!isOpen(c)) return false;
  c.metAtMs = atMs;
  c.epoch += 1;
  return true;
}

/** What to ask the calendar for the clock's current run. */
export function computationFor(c: ClockState): ClockComputation {
  return {
    epoch: c.epoch,
    fromMs: c.resumedAtMs,
    runs: c.unmeasuredRuns.map((r) => ({ ...r })),
    consumedMinutes: c.consumedMinutes,
    atClockMinutes: [c.targetMinutes, c.warnAtMinutes ?? c.targetMinutes, ...c.ladderAfterMinutes.map((a) => c.targetMinutes + a)],
  };
}

/**
 * Applies the calendar's answer. Measured runs are banked whatever happened meanwhile (each run once: a later
 * computation that measured the same run finds it gone); the instants apply only if the clock is still in the epoch
 * they were computed for and counting. Returns whether the instants were applied.
 */
export function applyComputation(c: ClockState, asked: ClockComputation, answer: ClockComputationResult): boolean {
  asked.runs.forEach((run, i) => {
    const at = c.unmeasuredRuns.findIndex((r) => r.fromMs === run.fromMs && r.toMs === run.toMs);
    if (at === -1) return;
    c.unmeasuredRuns.splice(at, 1);
    c.consumedMinutes += answer.runMinutes[i] ?? 0;
  });
  if (c.epoch !== asked.epoch || c.paused || c.metAtMs !== null) return false;
  const used = asked.consumedMinutes + answer.runMinutes.reduce((a, b) => a + b, 0);
  const [due, warn, ...ladder] = answer.instants;
  c.dueAtMs = due ?? null;
  c.warnAtMs = c.warnAtMinutes !== null && c.warnAtMinutes > used && !c.warned ? (warn ?? null) : null;
  c.ladderAtMs = ladder;
  return true;
}

/** Business minutes from `fromMs` for each entry of `atClockMinutes`, given what the runs and earlier runs used. */
export function minutesFromRunStart(asked: ClockComputation, runMinutes: number[]): number[] {
  const used = asked.consumedMinutes + runMinutes.reduce((a, b) => a + b, 0);
  return asked.atClockMinutes.map((m) => Math.max(0, m - used));
}

/** Records a breach at `atMs`; the ladder climbs from level 0. */
export function breach(c: ClockState, atMs: number): void {
  c.breachedAtMs = atMs;
  c.breachNumber += 1;
  c.nextLevel = 0;
}
