/** Wall-clock → instant conversion for one IANA zone, deterministic across DST changes. */
import { IANAZone } from 'luxon';
import { MeridianError } from './errors';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

/** Turns local wall-clock times of one zone into UTC instants. */
export interface ZoneClock {
  /** `localMs` is the wall-clock time written as if it were UTC (e.g. Date.UTC(2026, 2, 29, 2, 30)). */
  localToUtc(localMs: number): number;
}

/**
 * Builds a clock for `timeZone` that resolves wall-clock times like Temporal's "compatible" rule: a time that
 * does not exist (spring-forward gap) moves forward by the gap, so 02:30 becomes 03:30 summer time; a time that
 * occurs twice (fall-back overlap) takes the earlier instant. We do not use `DateTime.fromObject` here because
 * luxon seeds its overlap guess with the current wall clock, so the same input gives a different instant in
 * summer and in winter. Offsets are cached per UTC day for the lifetime of the clock (one calculation).
 */
export function createZoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) clocks.set(timeZone, (clock = buildZoneClock(timeZone)));
  return clock;
}

/**
 * One clock per zone for the process: checking a zone and building its formatter cost more than the calendar math
 * of a whole SLA target (the worker's profile), and a clock is pure, so sharing it changes no answer. A deployment
 * has tens of zones; each clock caches one offset per UTC day it was asked about.
 */
const clocks = new Map<string, ZoneClock>();

function buildZoneClock(timeZone: string): ZoneClock {
  if (!IANAZone.isValidZone(timeZone)) throw new MeridianError('VALIDATION_FAILED', `unknown time zone ${timeZone}`);
  const offsetAt = createOffsetReader(timeZone);
  const byDay = new Map<number, number>();
  const offsetAtDayStart = (day: number): number => {
    let offset = byDay.get(day);
    if (offset === undefined) byDay.set(day, (offset = offsetAt(day * MS_PER_DAY)));
    return offset;
  };

  return {
    localToUtc(localMs) {
      // Offsets stay within ±14 h, so every instant this local day can map to lies within these three UTC days.
      // Equal offsets at both ends mean no transition in between (no zone changes twice within three days).
      const day = Math.floor(localMs / MS_PER_DAY);
      const before = offsetAtDayStart(day - 1);
      if (before === offsetAtDayStart(day + 2)) return localMs - before;
      return resolveNearTransition(localMs, offsetAt);
    },
  };
}

/**
 * Reads the zone's UTC offset (ms) at an instant. One `format` call with `longOffset` ("GMT+05:45") costs about
 * a fifth of luxon's `IANAZone.offset` (formatToParts), which matters when a target walks years of dates.
 */
function createOffsetReader(timeZone: string): (utcMs: number) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  return (utcMs) => {
    const match = /GMT([+-])(\d\d):(\d\d)/.exec(format.format(utcMs));
    if (!match) return 0; // "GMT" alone is UTC itself
    const minutes = Number(match[2]) * 60 + Number(match[3]);
    return (match[1] === '-' ? -minutes : minutes) * MS_PER_MINUTE;
  };
}

function resolveNearTransition(localMs: number, offsetAt: (utcMs: number) => number): number {
  const before = offsetAt(localMs - MS_PER_DAY);
  const after = offsetAt(localMs + MS_PER_DAY);
  const valid = [localMs - before, localMs - after].filter((utc) => localMs - utc === offsetAt(utc));
  if (valid.length > 0) return Math.min(...valid);
  return localMs - before;
}
