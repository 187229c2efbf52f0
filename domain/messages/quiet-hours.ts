/** The next instant a message that can wait may be sent, outside the quiet hours and quiet days of the customer's zone. */
import { DateTime } from 'luxon';
import { WEEKDAYS, type QuietHours } from '../region';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * `atMs` itself when it is allowed; else the end of the quiet hours (or the first allowed day) in `timeZone`. A quiet
 * window over midnight (21:00–08:00) covers both evening and morning; a quiet day lasts until the window's end on the
 * next allowed day (a Saturday message goes out Monday at 08:00). An end that falls in a DST gap moves forward with it.
 */
export function nextAllowedInstant(atMs: number, timeZone: string, quiet: QuietHours | undefined): number {
  if (!quiet) return atMs;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const quietDays = new Set(quiet.days);
  const inWindow = (m: number) => (start === end ? false : start < end ? m >= start && m < end : m >= start || m < end);
  // Wall-clock times, not elapsed minutes: on a DST night 09:00 stays 09:00 (luxon moves a time in a gap forward).
  const endOn = (d: DateTime): DateTime => d.startOf('day').set({ hour: Math.floor(end / 60), minute: end % 60 });
  let t: DateTime = DateTime.fromMillis(atMs, { zone: timeZone });
  for (let i = 0; i < 9; i += 1) {
    const day = WEEKDAYS[t.weekday - 1]!;
    const minute = t.hour * 60 + t.minute;
    if (quietDays.has(day)) {
      t = endOn(t.plus({ days: 1 })); // the next day from the window's end
      continue;
    }
    if (!inWindow(minute)) return t.toMillis();
    // In the window: it ends today (morning part) or tomorrow (evening part of an overnight window).
    t = minute < end ? endOn(t) : endOn(t.plus({ days: 1 }));
  }
  return t.toMillis();
}
