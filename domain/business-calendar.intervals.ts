/** Open intervals of a business calendar, built local date by local date in the calendar's zone. */
import { WEEKDAYS, type BusinessCalendar, type Weekday, type WeeklyHours } from './region';
import { createZoneClock, MS_PER_DAY, MS_PER_MINUTE, type ZoneClock } from './business-calendar.zone';

/** A half-open span of time [startMs, endMs) in UTC epoch milliseconds. */
export type Interval = [startMs: number, endMs: number];

/** A calendar readied for repeated interval queries within one calculation. */
export interface PreparedCalendar {
  clock: ZoneClock;
  weeklyHours: WeeklyHours;
  holidays: ReadonlySet<string>;
}

/** Resolves the zone and indexes the holidays once, so walking years of dates stays cheap. */
export function prepareCalendar(calendar: BusinessCalendar): PreparedCalendar {
  return {
    clock: createZoneClock(calendar.timeZone),
    weeklyHours: calendar.weeklyHours,
    holidays: new Set(calendar.holidays.map((h) => h.date)),
  };
}

/** Whether any weekday has a working span at all. */
export function hasWorkingSpans(weeklyHours: WeeklyHours): boolean {
  return WEEKDAYS.some((d) => (weeklyHours[d]?.length ?? 0) > 0);
}

/**
 * The open intervals within [fromMs, toMs), clipped to it, sorted and merged (touching intervals become one).
 * Local dates are visited from two days before `fromMs` so overnight spans that started earlier are included.
 */
export function collectIntervals(cal: PreparedCalendar, fromMs: number, toMs: number): Interval[] {
  if (!(toMs > fromMs)) return [];
  const clipped: Interval[] = [];
  const lastDay = Math.floor(toMs / MS_PER_DAY) + 1;
  for (let day = Math.floor(fromMs / MS_PER_DAY) - 2; day <= lastDay; day++) {
    for (const [start, end] of localDateIntervals(cal, day)) {
      const s = Math.max(start, fromMs);
      const e = Math.min(end, toMs);
      if (e > s) clipped.push([s, e]);
    }
  }
  return mergeIntervals(clipped);
}

/**
 * The intervals of the spans that start on one local date (days since 1970-01-01). A holiday closes every span
 * that starts on it, including the overnight part that spills into the next date; the spill of the previous
 * date's overnight span into the holiday stays open, because that shift began on a working day.
 */
function localDateIntervals(cal: PreparedCalendar, day: number): Interval[] {
  const spans = cal.weeklyHours[weekdayOf(day)];
  if (!spans || spans.length === 0) return [];
  if (cal.holidays.size > 0 && cal.holidays.has(new Date(day * MS_PER_DAY).toISOString().slice(0, 10))) return [];
  const midnight = day * MS_PER_DAY;
  const intervals: Interval[] = [];
  for (const span of spans) {
    const start = minuteOfDay(span.start);
    const end = minuteOfDay(span.end) + (minuteOfDay(span.end) <= start ? 24 * 60 : 0);
    const startMs = cal.clock.localToUtc(midnight + start * MS_PER_MINUTE);
    const endMs = cal.clock.localToUtc(midnight + end * MS_PER_MINUTE);
    if (endMs > startMs) intervals.push([startMs, endMs]);
  }
  return intervals;
}

/** Day 0 (1970-01-01) was a Thursday, index 3 of WEEKDAYS. */
function weekdayOf(day: number): Weekday {
  return WEEKDAYS[(((day + 3) % 7) + 7) % 7] ?? 'thu';
}

function minuteOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged: Interval[] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
