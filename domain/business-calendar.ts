/** Business-time arithmetic over a region's calendar: when SLA clocks run and when they run out. */
import { MeridianError } from './errors';
import type { BusinessCalendar } from './region';
import { MS_PER_DAY, MS_PER_MINUTE } from './business-calendar.zone';
import { collectIntervals, hasWorkingSpans, prepareCalendar, type Interval } from './business-calendar.intervals';

export type { Interval } from './business-calendar.intervals';

/** How far the clock may look for the next open moment before the calendar is declared never open. */
const MAX_CLOSED_MS = 400 * MS_PER_DAY;
/** Walk window: large enough to amortise revisiting the day before, small enough to stop soon after the target. */
const WINDOW_MS = 28 * MS_PER_DAY;

/**
 * The calendar's open intervals within [fromMs, toMs), in UTC epoch ms, clipped to that range, sorted, and
 * merged where they touch. Spans are placed in real time, so a 09:00–17:00 span is 8 h even on a DST day and
 * a span containing the change lasts its real elapsed time (01:00–05:00 in Berlin on 2026-03-29 is 3 h).
 * A holiday closes the spans that start on that local date, overnight spill included; the spill of the
 * previous date's overnight span into the holiday stays open (that shift started on a working day).
 */
export function openIntervals(calendar: BusinessCalendar, fromMs: number, toMs: number): Interval[] {
  return collectIntervals(prepareCalendar(calendar), fromMs, toMs);
}

/** Whether the calendar is open at an instant (span starts are open, span ends are closed). */
export function isOpenAt(calendar: BusinessCalendar, atMs: number): boolean {
  return openIntervals(calendar, atMs, atMs + 1).length > 0;
}

/** Business minutes (fractional) that elapse between two instants; 0 when `toMs` ≤ `fromMs`. */
export function businessMinutesBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
  const openMs = openIntervals(calendar, fromMs, toMs).reduce((sum, [start, end]) => sum + (end - start), 0);
  return openMs / MS_PER_MINUTE;
}

/**
 * The earliest instant at which `minutes` business minutes (fractions allowed) have elapsed since `startMs`:
 * a ticket arriving while closed starts its clock at the next opening, and a target that is used up exactly at
 * closing time lands on the closing instant, not on the next opening. 0 minutes returns `startMs` unchanged.
 * Throws VALIDATION_FAILED for negative or non-finite minutes, and when the calendar stays closed for 400 days
 * in a row while the clock still has minutes to count.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, startMs: number, minutes: number): number {
  if (!Number.isFinite(startMs) || !Number.isFinite(minutes) || minutes < 0) {
    throw new MeridianError('VALIDATION_FAILED', 'business minutes must be a finite, non-negative number', {
      startMs,
      minutes,
    });
  }
  if (minutes === 0) return startMs;
  if (!hasWorkingSpans(calendar.weeklyHours)) throw neverOpen(calendar);
  const cal = prepareCalendar(calendar);
  // The answer is always runStart + remaining, with `remaining` reduced only at real gaps: an always-open
  // calendar thus returns startMs + minutes * 60000 bit for bit, whatever the window boundaries.
  let remaining = minutes * MS_PER_MINUTE;
  let run: Interval | undefined;
  for (let windowStart = startMs; ; windowStart += WINDOW_MS) {
    for (const [start, end] of collectIntervals(cal, windowStart, windowStart + WINDOW_MS)) {
      if (run && start === run[1]) run[1] = end;
      else {
        if (run) remaining -= run[1] - run[0];
        run = [start, end];
      }
      if (run[0] + remaining <= run[1]) return run[0] + remaining;
    }
    if (windowStart + WINDOW_MS - (run?.[1] ?? startMs) > MAX_CLOSED_MS) throw neverOpen(calendar);
  }
}

function neverOpen(calendar: BusinessCalendar): MeridianError {
  return new MeridianError('VALIDATION_FAILED', 'the business calendar has no open time within 400 days', {
    timeZone: calendar.timeZone,
  });
}
