import { addBusinessMinutes, businessMinutesBetween } from '../../domain/business-calendar';
import type { BusinessCalendar } from '../../domain/region';
import {
  applyComputation,
  breach,
  computationFor,
  meet,
  minutesFromRunStart,
  newClock,
  pause,
  resume,
  retarget,
  type ClockComputation,
  type ClockComputationResult,
  type ClockState,
} from '../../domain/sla-clock';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 2, 9, 0); // a Monday, 09:00 UTC
const ALWAYS: BusinessCalendar = {
  timeZone: 'UTC',
  weeklyHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
  holidays: [],
};
/** 09:00–17:00 on weekdays: nights do not count. */
const OFFICE: BusinessCalendar = {
  timeZone: 'UTC',
  weeklyHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]])),
  holidays: [],
};

/** What the calculation activity answers (the same arithmetic as activities/sla.activities.ts). */
function calendarAnswer(calendar: BusinessCalendar, asked: ClockComputation): ClockComputationResult {
  const runMinutes = asked.runs.map((r) => businessMinutesBetween(calendar, r.fromMs, r.toMs));
  return { runMinutes, instants: minutesFromRunStart(asked, runMinutes).map((m) => addBusinessMinutes(calendar, asked.fromMs, m)) };
}

/** Asks now, answers later: how the workflow's activity call interleaves with updates. */
function ask(c: ClockState, calendar = ALWAYS) {
  const asked = computationFor(c);
  return () => applyComputation(c, asked, calendarAnswer(calendar, asked));
}

const clock = (targetMinutes: number, ladder: number[] = []) => newClock({ targetMinutes, warningAtPercent: 50, ladderAfterMinutes: ladder }, T0);

describe('SLA clock arithmetic (pure state changes, calendar answers applied in any order)', () => {
  it('places due, warning and ladder instants from the start of the clock', () => {
    const c = clock(60, [0, 30]);
    expect(ask(c)()).toBe(true);
    expect(c).toMatchObject({ dueAtMs: T0 + 60 * MIN, warnAtMs: T0 + 30 * MIN, ladderAtMs: [T0 + 60 * MIN, T0 + 90 * MIN] });
  });

  it('re-targets a counting clock keeping the time used; a shorter target already used up is due at once', () => {
    const c = clock(600);
    ask(c)();
    expect(retarget(c, { targetMinutes: 120, warningAtPercent: 50, ladderAfterMinutes: [] }, T0 + 45 * MIN)).toBe(true);
    expect(c.dueAtMs).toBeNull(); // until the calendar answers
    ask(c)();
    expect(c.dueAtMs).toBe(T0 + 120 * MIN);
    expect(c.consumedMinutes).toBe(45);
    retarget(c, { targetMinutes: 30, warningAtPercent: 50, ladderAfterMinutes: [] }, T0 + 60 * MIN);
    ask(c)();
    expect(c.dueAtMs).toBe(T0 + 60 * MIN);
  });

  it('re-targets a paused clock for when it resumes, and leaves a met clock alone', () => {
    const c = clock(600);
    ask(c)();
    pause(c, T0 + 100 * MIN);
    retarget(c, { targetMinutes: 300, warningAtPercent: 50, ladderAfterMinutes: [] }, T0 + 200 * MIN);
    resume(c, T0 + 400 * MIN);
    ask(c)();
    expect(c.dueAtMs).toBe(T0 + 400 * MIN + 200 * MIN); // 100 used of 300
    const met = clock(600);
    meet(met, T0);
    expect(retarget(met, { targetMinutes: 5, warningAtPercent: 50, ladderAfterMinutes: [] }, T0)).toBe(false);
  });

  it('subtracts the time used before a pause from what is left after the resume', () => {
    const c = clock(240);
    ask(c)();
    pause(c, T0 + 45 * MIN);
    resume(c, T0 + 345 * MIN);
    ask(c)();
    expect(c.dueAtMs).toBe(T0 + 345 * MIN + (240 - 45) * MIN);
    expect(c.consumedMinutes).toBe(45);
    expect(c.unmeasuredRuns).toEqual([]);
  });

  it('counts only business time of the run before the pause (nights do not count)', () => {
    const c = clock(240);
    ask(c, OFFICE)();
    pause(c, T0 + 7 * 60 * MIN); // 16:00: 7 business hours used... of a 4-hour target: it breached at 13:00
    resume(c, T0 + 24 * 60 * MIN); // next day 09:00
    ask(c, OFFICE)();
    expect(c.consumedMinutes).toBe(7 * 60);
    expect(c.dueAtMs).toBe(T0 + 24 * 60 * MIN); // already over: due at once on resume
  });

  it('race: a customer reply (resume) while the pause is being measured still gets the right deadline', () => {
    const c = clock(240);
    ask(c)();
    pause(c, T0 + 45 * MIN); // no await between marking and closing the run
    const resumed = (resume(c, T0 + 50 * MIN), ask(c)); // the reply lands before anything was measured
    expect(resumed()).toBe(true);
    expect(c.dueAtMs).toBe(T0 + 50 * MIN + 195 * MIN);
  });

  it('race: pause, resume, pause again before the first answer arrives — each run is banked exactly once', () => {
    const c = clock(240);
    ask(c)();
    pause(c, T0 + 45 * MIN);
    resume(c, T0 + 60 * MIN);
    const first = ask(c); // measures run 1 (45 min)
    pause(c, T0 + 80 * MIN); // run 2: 20 min
    expect(first()).toBe(false); // superseded: no instants for a clock that is paused again…
    expect(c.consumedMinutes).toBe(45); // …but run 1 is banked
    resume(c, T0 + 100 * MIN);
    const second = ask(c);
    const late = ask(c); // two answers for the same epoch (a retried computation) bank nothing twice
    expect(second()).toBe(true);
    expect(late()).toBe(true);
    expect(c.consumedMinutes).toBe(65);
    expect(c.dueAtMs).toBe(T0 + 100 * MIN + 175 * MIN);
  });

  it('race: answers arriving out of order never apply stale instants', () => {
    const c = clock(240);
    ask(c)();
    pause(c, T0 + 10 * MIN);
    resume(c, T0 + 20 * MIN);
    const stale = ask(c);
    pause(c, T0 + 30 * MIN);
    resume(c, T0 + 40 * MIN);
    const fresh = ask(c);
    expect(fresh()).toBe(true);
    expect(stale()).toBe(false);
    expect(c.dueAtMs).toBe(T0 + 40 * MIN + (240 - 10 - 10) * MIN);
    expect(c.consumedMinutes).toBe(20);
  });

  it('resuming a breached clock keeps its ladder position and the time elapsed since the breach', () => {
    const c = clock(60, [0, 30, 60]);
    ask(c)();
    breach(c, T0 + 60 * MIN);
    c.nextLevel = 1; // level 0 fired at the breach
    c.escalationLevel = 0;
    pause(c, T0 + 70 * MIN); // 10 minutes into the breach
    resume(c, T0 + 500 * MIN);
    ask(c)();
    expect(c).toMatchObject({ breachedAtMs: T0 + 60 * MIN, nextLevel: 1, escalationLevel: 0, consumedMinutes: 70 });
    // Level 1 is 30 minutes after the breach: 20 are left, not 30.
    expect(c.ladderAtMs[1]).toBe(T0 + 500 * MIN + 20 * MIN);
    expect(c.ladderAtMs[2]).toBe(T0 + 500 * MIN + 50 * MIN);
    expect(c.warnAtMs).toBeNull();
  });
});
