import { DateTime } from 'luxon';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isOpenAt,
  openIntervals,
} from '../../domain/business-calendar';
import { MeridianError } from '../../domain/errors';
import type { BusinessCalendar, WeeklyHours, WorkSpan } from '../../domain/region';

// Expected instants below were worked out by hand from the calendars, written in the calendar's local offset.
const at = (iso: string): number => Date.parse(iso);
const local = (ms: number, zone: string): string =>
  DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? 'invalid';
const span = (start: string, end: string): WorkSpan => ({ start, end });
const weekdays = (...spans: WorkSpan[]): WeeklyHours => ({ mon: spans, tue: spans, wed: spans, thu: spans, fri: spans });
const everyDay = (...spans: WorkSpan[]): WeeklyHours => ({ ...weekdays(...spans), sat: spans, sun: spans });
const calendar = (timeZone: string, weeklyHours: WeeklyHours, holidays: string[] = []): BusinessCalendar => ({
  timeZone,
  weeklyHours,
  holidays: holidays.map((date) => ({ date, name: 'Public holiday' })),
});

const BERLIN_OFFICE = calendar('Europe/Berlin', weekdays(span('09:00', '17:00')));
const BERLIN_EVERY_DAY = calendar('Europe/Berlin', everyDay(span('09:00', '17:00')));
const BERLIN_SMALL_HOURS = calendar('Europe/Berlin', everyDay(span('01:00', '05:00')));
const BERLIN_GOOD_FRIDAY = calendar('Europe/Berlin', weekdays(span('09:00', '17:00')), ['2026-04-03']);
const BERLIN_SPLIT = calendar('Europe/Berlin', weekdays(span('09:00', '12:00'), span('13:00', '17:00')));
const NEW_YORK_OFFICE = calendar('America/New_York', weekdays(span('09:00', '17:00')));
const NEW_YORK_SMALL_HOURS = calendar('America/New_York', everyDay(span('00:00', '04:00')));
const KOLKATA_OFFICE = calendar('Asia/Kolkata', weekdays(span('09:00', '18:00')));
const KATHMANDU_OFFICE = calendar('Asia/Kathmandu', weekdays(span('09:00', '18:00')));
const NIGHT_DESK = calendar('UTC', weekdays(span('22:00', '06:00')));
const NIGHT_DESK_FRIDAY_OFF = calendar('UTC', weekdays(span('22:00', '06:00')), ['2026-06-05']);
const ALWAYS_OPEN = calendar('UTC', everyDay(span('00:00', '24:00')));

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

/** mulberry32: a tiny fixed-seed generator so the property checks are reproducible. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('addBusinessMinutes', () => {
  it.each<[string, BusinessCalendar, string, number, string]>([
    ['a Monday-morning target is due the same morning', BERLIN_OFFICE, '2026-06-01T09:00:00+02:00', 120, '2026-06-01T11:00:00+02:00'],
    ['a target used up exactly at closing is due at closing, not next morning', BERLIN_OFFICE, '2026-06-01T16:00:00+02:00', 60, '2026-06-01T17:00:00+02:00'],
    ['a Friday-afternoon target carries over the weekend to Monday', BERLIN_OFFICE, '2026-06-05T16:00:00+02:00', 120, '2026-06-08T10:00:00+02:00'],
    ['a ticket arriving on Saturday starts its clock at Monday opening', BERLIN_OFFICE, '2026-06-06T14:00:00+02:00', 30, '2026-06-08T09:30:00+02:00'],
    ['a ticket arriving at night starts its clock at opening', BERLIN_OFFICE, '2026-06-02T03:00:00+02:00', 30, '2026-06-02T09:30:00+02:00'],
    ['a ticket arriving after closing starts its clock next morning', BERLIN_OFFICE, '2026-06-02T18:00:00+02:00', 30, '2026-06-03T09:30:00+02:00'],
    ['a week of office hours runs Monday opening to Friday closing', BERLIN_OFFICE, '2026-03-23T09:00:00+01:00', 2400, '2026-03-27T17:00:00+01:00'],
    ['three seconds (0.05 min) straddle closing time', BERLIN_OFFICE, '2026-06-01T16:59:59+02:00', 0.05, '2026-06-02T09:00:02+02:00'],
    ['Berlin: the spring-forward weekend still gives Monday 10:00 summer time', BERLIN_OFFICE, '2026-03-27T16:00:00+01:00', 120, '2026-03-30T10:00:00+02:00'],
    ['Berlin: the fall-back weekend still gives Monday 10:00 winter time', BERLIN_OFFICE, '2026-10-23T16:00:00+02:00', 120, '2026-10-26T10:00:00+01:00'],
    ['Berlin: 09:00–17:00 on the spring-forward Sunday is 8 hours', BERLIN_EVERY_DAY, '2026-03-29T09:00:00+02:00', 480, '2026-03-29T17:00:00+02:00'],
    ['Berlin: a minute past that Sunday lands on Monday 09:01', BERLIN_EVERY_DAY, '2026-03-29T09:00:00+02:00', 481, '2026-03-30T09:01:00+02:00'],
    ['Berlin: 09:00–17:00 on the fall-back Sunday is 8 hours', BERLIN_EVERY_DAY, '2026-10-25T09:00:00+01:00', 480, '2026-10-25T17:00:00+01:00'],
    ['Berlin: 01:00–05:00 holds only 3 real hours when clocks spring forward', BERLIN_SMALL_HOURS, '2026-03-29T01:00:00+01:00', 180, '2026-03-29T05:00:00+02:00'],
    ['Berlin: the 181st minute of that night waits for the next night', BERLIN_SMALL_HOURS, '2026-03-29T01:00:00+01:00', 181, '2026-03-30T01:01:00+02:00'],
    ['Berlin: an hour from 01:30 skips the missing hour and ends 03:30', BERLIN_SMALL_HOURS, '2026-03-29T01:30:00+01:00', 60, '2026-03-29T03:30:00+02:00'],
    ['Berlin: 01:00–05:00 holds 5 real hours when clocks fall back', BERLIN_SMALL_HOURS, '2026-10-25T01:00:00+02:00', 300, '2026-10-25T05:00:00+01:00'],
    ['Berlin: 90 minutes from 01:00 end in the first 02:30', BERLIN_SMALL_HOURS, '2026-10-25T01:00:00+02:00', 90, '2026-10-25T02:30:00+02:00'],
    ['Berlin: 150 minutes from 01:00 end in the repeated 02:30', BERLIN_SMALL_HOURS, '2026-10-25T01:00:00+02:00', 150, '2026-10-25T02:30:00+01:00'],
    ['New York: Friday 16:30 plus an hour crosses spring-forward to Monday 09:30 EDT', NEW_YORK_OFFICE, '2026-03-06T16:30:00-05:00', 60, '2026-03-09T09:30:00-04:00'],
    ['New York: Friday 16:00 plus two hours crosses fall-back to Monday 10:00 EST', NEW_YORK_OFFICE, '2026-10-30T16:00:00-04:00', 120, '2026-11-02T10:00:00-05:00'],
    ['New York: 00:00–04:00 holds 3 real hours on 2026-03-08', NEW_YORK_SMALL_HOURS, '2026-03-08T00:00:00-05:00', 180, '2026-03-08T04:00:00-04:00'],
    ['New York: 00:00–04:00 holds 5 real hours on 2026-11-01', NEW_YORK_SMALL_HOURS, '2026-11-01T00:00:00-04:00', 300, '2026-11-01T04:00:00-05:00'],
    ['New York: 150 minutes from midnight end in the repeated 01:30 EST', NEW_YORK_SMALL_HOURS, '2026-11-01T00:00:00-04:00', 150, '2026-11-01T01:30:00-05:00'],
    ['Kolkata +05:30: a ticket at 08:30 IST waits for 09:00', KOLKATA_OFFICE, '2026-06-01T03:00:00Z', 30, '2026-06-01T09:30:00+05:30'],
    ['Kolkata +05:30: an evening target carries over to the next morning', KOLKATA_OFFICE, '2026-06-01T17:00:00+05:30', 120, '2026-06-02T10:00:00+05:30'],
    ['Kolkata +05:30: a ticket at Friday closing waits for Monday', KOLKATA_OFFICE, '2026-06-05T12:30:00Z', 60, '2026-06-08T10:00:00+05:30'],
    ['Kathmandu +05:45: a ticket at 08:45 NPT waits for 09:00', KATHMANDU_OFFICE, '2026-06-01T03:00:00Z', 30, '2026-06-01T09:30:00+05:45'],
    ['Kathmandu +05:45: Friday 17:45 plus an hour ends Monday 09:45', KATHMANDU_OFFICE, '2026-06-05T12:00:00Z', 60, '2026-06-08T09:45:00+05:45'],
    ['a Thursday target crossing a Friday holiday lands on Monday', BERLIN_GOOD_FRIDAY, '2026-04-02T16:00:00+02:00', 120, '2026-04-06T10:00:00+02:00'],
    ['a ticket arriving on the Friday holiday starts its clock on Monday', BERLIN_GOOD_FRIDAY, '2026-04-03T10:00:00+02:00', 30, '2026-04-06T09:30:00+02:00'],
    ['split shift: the lunch break does not count', BERLIN_SPLIT, '2026-06-01T11:30:00+02:00', 60, '2026-06-01T13:30:00+02:00'],
    ['split shift: a ticket arriving at lunch starts its clock at 13:00', BERLIN_SPLIT, '2026-06-01T12:15:00+02:00', 30, '2026-06-01T13:30:00+02:00'],
    ['split shift: a full day is 7 hours', BERLIN_SPLIT, '2026-06-01T09:00:00+02:00', 420, '2026-06-01T17:00:00+02:00'],
    ['split shift: one minute more is next morning 09:01', BERLIN_SPLIT, '2026-06-01T09:00:00+02:00', 421, '2026-06-02T09:01:00+02:00'],
    ['split shift: a target used up at lunch is due when lunch starts', BERLIN_SPLIT, '2026-06-05T16:00:00+02:00', 240, '2026-06-08T12:00:00+02:00'],
    ['night desk: a whole night is 8 hours', NIGHT_DESK, '2026-06-02T22:00:00Z', 480, '2026-06-03T06:00:00Z'],
    ["night desk: Friday's shift runs on into Saturday", NIGHT_DESK, '2026-06-05T23:00:00Z', 60, '2026-06-06T00:00:00Z'],
    ["night desk: the end of Thursday's shift, then Friday night", NIGHT_DESK, '2026-06-05T05:00:00Z', 120, '2026-06-05T23:00:00Z'],
    ['night desk: Saturday morning carries over to Monday night', NIGHT_DESK, '2026-06-06T05:00:00Z', 120, '2026-06-08T23:00:00Z'],
    ['night desk: early Monday is closed (Sunday has no shift)', NIGHT_DESK, '2026-06-08T03:00:00Z', 30, '2026-06-08T22:30:00Z'],
    ["night desk: a Friday holiday cancels Friday's shift but not Thursday's", NIGHT_DESK_FRIDAY_OFF, '2026-06-04T23:00:00Z', 480, '2026-06-08T23:00:00Z'],
    ['zero minutes are due at once, even while closed', BERLIN_OFFICE, '2026-06-06T14:00:00+02:00', 0, '2026-06-06T14:00:00+02:00'],
  ])('%s', (_title, cal, start, minutes, due) => {
    expect(local(addBusinessMinutes(cal, at(start), minutes), cal.timeZone)).toBe(due);
  });

  it.each([0.05, 0.1, 1 / 3, 1, 59.999, 1440, 100_000, 2_628_000])(
    'an always-open calendar adds exactly %p minutes of wall time',
    (minutes) => {
      const start = at('2026-06-01T10:11:12.123Z');
      expect(addBusinessMinutes(ALWAYS_OPEN, start, minutes)).toBe(start + minutes * 60_000);
    },
  );

  it('an always-open calendar adds exact wall time from a few hundred random starts', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 300; i++) {
      const start = at('2026-01-01T00:00:00Z') + Math.floor(random() * 366 * 86_400_000);
      const minutes = random() * 50_000;
      expect(addBusinessMinutes(ALWAYS_OPEN, start, minutes)).toBe(start + minutes * 60_000);
    }
  });

  it.each<[string, BusinessCalendar, number]>([
    ['a calendar without any working hours', calendar('UTC', {}), 10],
    ['a Saturday-only calendar whose next 60 Saturdays are holidays', calendar('UTC', { sat: [span('09:00', '10:00')] }, saturdays(60)), 10],
    ['a negative target', BERLIN_OFFICE, -1],
    ['a target that is not a number', BERLIN_OFFICE, Number.NaN],
    ['an unknown time zone', calendar('Mars/Olympus_Mons', weekdays(span('09:00', '17:00'))), 10],
  ])('refuses %s with VALIDATION_FAILED instead of looping', (_title, cal, minutes) => {
    const err = errorOf(() => addBusinessMinutes(cal, at('2026-06-01T00:00:00Z'), minutes));
    expect(err).toBeInstanceOf(MeridianError);
    expect((err as MeridianError).code).toBe('VALIDATION_FAILED');
  });

  it('still finds an opening 50 holiday Saturdays away', () => {
    const cal = calendar('UTC', { sat: [span('09:00', '10:00')] }, saturdays(50));
    expect(local(addBusinessMinutes(cal, at('2026-06-01T00:00:00Z'), 30), 'UTC')).toBe('2027-05-22T09:30:00Z');
  });

  it('lands a five-year target (624,000 office minutes) on the right Friday evening', () => {
    const start = at('2026-01-05T09:00:00+01:00');
    expect(local(addBusinessMinutes(BERLIN_OFFICE, start, 624_000), 'Europe/Berlin')).toBe('2030-12-27T17:00:00+01:00');
  });
});

/** Every Saturday from 2026-06-06 on, `count` of them. */
function saturdays(count: number): string[] {
  return Array.from({ length: count }, (_, i) => new Date(at('2026-06-06T00:00:00Z') + i * 7 * 86_400_000).toISOString().slice(0, 10));
}

describe('businessMinutesBetween', () => {
  it.each<[string, BusinessCalendar, string, string, number]>([
    ['an office week counts 5 × 8 hours', BERLIN_OFFICE, '2026-06-01T00:00:00+02:00', '2026-06-08T00:00:00+02:00', 2400],
    ['a week with Good Friday counts 4 × 8 hours', BERLIN_GOOD_FRIDAY, '2026-03-30T00:00:00+02:00', '2026-04-06T00:00:00+02:00', 1920],
    ['a weekend across spring-forward counts only Friday and Monday hours', BERLIN_OFFICE, '2026-03-27T16:00:00+01:00', '2026-03-30T10:00:00+02:00', 120],
    ['Berlin spring-forward Sunday, 09:00–17:00', BERLIN_EVERY_DAY, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 480],
    ['Berlin spring-forward night, 01:00–05:00', BERLIN_SMALL_HOURS, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 180],
    ['Berlin fall-back night, 01:00–05:00', BERLIN_SMALL_HOURS, '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', 300],
    ['New York spring-forward night, 00:00–04:00', NEW_YORK_SMALL_HOURS, '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00', 180],
    ['New York fall-back night, 00:00–04:00', NEW_YORK_SMALL_HOURS, '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00', 300],
    ['New York: a 01:30–03:00 span on the fall-back night counts from the first 01:30', calendar('America/New_York', { sun: [span('01:30', '03:00')] }), '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00', 150],
    ['a Kathmandu week counts 5 × 9 hours', KATHMANDU_OFFICE, '2026-06-01T00:00:00+05:45', '2026-06-08T00:00:00+05:45', 2700],
    ['a split-shift day counts 7 hours', BERLIN_SPLIT, '2026-06-01T00:00:00+02:00', '2026-06-02T00:00:00+02:00', 420],
    ['a night-desk week counts five nights', NIGHT_DESK, '2026-06-01T00:00:00Z', '2026-06-08T00:00:00Z', 2400],
    ['a range that ends before it starts counts nothing', BERLIN_OFFICE, '2026-06-02T12:00:00+02:00', '2026-06-02T10:00:00+02:00', 0],
  ])('%s', (_title, cal, from, to, minutes) => {
    expect(businessMinutesBetween(cal, at(from), at(to))).toBe(minutes);
  });

  it.each([BERLIN_OFFICE, BERLIN_SPLIT, BERLIN_SMALL_HOURS, NEW_YORK_SMALL_HOURS, KATHMANDU_OFFICE, NIGHT_DESK_FRIDAY_OFF])(
    'measures back exactly the minutes addBusinessMinutes counted (%#)',
    (cal) => {
      const random = seededRandom(2026);
      for (let i = 0; i < 250; i++) {
        const start = at('2026-01-01T00:00:00Z') + Math.floor(random() * 366 * 86_400_000);
        const minutes = i % 2 === 0 ? 1 + Math.floor(random() * 20_000) : random() * 3_000;
        const due = addBusinessMinutes(cal, start, minutes);
        expect(businessMinutesBetween(cal, start, due)).toBeCloseTo(minutes, 6);
        expect(businessMinutesBetween(cal, start, due - 1)).toBeLessThan(minutes); // the earliest such instant
      }
    },
  );
});

describe('openIntervals', () => {
  it.each<[string, BusinessCalendar, string, string, Array<[string, string]>]>([
    ['a split-shift day has a morning and an afternoon', BERLIN_SPLIT, '2026-06-01T00:00:00+02:00', '2026-06-02T00:00:00+02:00',
      [['2026-06-01T09:00:00+02:00', '2026-06-01T12:00:00+02:00'], ['2026-06-01T13:00:00+02:00', '2026-06-01T17:00:00+02:00']]],
    ['intervals are clipped to the range asked for', BERLIN_OFFICE, '2026-06-01T10:00:00+02:00', '2026-06-01T12:00:00+02:00',
      [['2026-06-01T10:00:00+02:00', '2026-06-01T12:00:00+02:00']]],
    ['an overnight shift merges with the next morning span', calendar('UTC', { mon: [span('22:00', '06:00')], tue: [span('06:00', '10:00')] }),
      '2026-06-01T00:00:00Z', '2026-06-03T00:00:00Z', [['2026-06-01T22:00:00Z', '2026-06-02T10:00:00Z']]],
    ['24:00 closes at midnight, so an always-open week is one interval', ALWAYS_OPEN, '2026-06-01T00:00:00Z', '2026-06-08T00:00:00Z',
      [['2026-06-01T00:00:00Z', '2026-06-08T00:00:00Z']]],
    ['Berlin spring-forward: 01:00 winter time to 05:00 summer time', BERLIN_SMALL_HOURS, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00',
      [['2026-03-29T01:00:00+01:00', '2026-03-29T05:00:00+02:00']]],
    ['Berlin fall-back: 01:00 summer time to 05:00 winter time', BERLIN_SMALL_HOURS, '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00',
      [['2026-10-25T01:00:00+02:00', '2026-10-25T05:00:00+01:00']]],
    ['New York: a span starting in the missing hour starts when clocks resume (02:30 → 03:30)', calendar('America/New_York', { sun: [span('02:30', '04:00')] }),
      '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00', [['2026-03-08T03:30:00-04:00', '2026-03-08T04:00:00-04:00']]],
    ['New York: a span starting in the repeated hour starts at its first occurrence', calendar('America/New_York', { sun: [span('01:30', '03:00')] }),
      '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00', [['2026-11-01T01:30:00-04:00', '2026-11-01T03:00:00-05:00']]],
    ["a holiday keeps the previous night's spill but drops its own night", NIGHT_DESK_FRIDAY_OFF, '2026-06-05T00:00:00Z', '2026-06-06T12:00:00Z',
      [['2026-06-05T00:00:00Z', '2026-06-05T06:00:00Z']]],
    ['an empty range has no intervals', BERLIN_OFFICE, '2026-06-01T12:00:00+02:00', '2026-06-01T12:00:00+02:00', []],
  ])('%s', (_title, cal, from, to, expected) => {
    const intervals = openIntervals(cal, at(from), at(to));
    expect(intervals.map(([s, e]) => [local(s, cal.timeZone), local(e, cal.timeZone)])).toEqual(expected);
  });
});

describe('isOpenAt', () => {
  it.each<[string, BusinessCalendar, string, boolean]>([
    ['open from the opening minute', BERLIN_OFFICE, '2026-06-01T09:00:00+02:00', true],
    ['open in the last millisecond before closing', BERLIN_OFFICE, '2026-06-01T16:59:59.999+02:00', true],
    ['closed at the closing instant', BERLIN_OFFICE, '2026-06-01T17:00:00+02:00', false],
    ['closed on Saturday', BERLIN_OFFICE, '2026-06-06T12:00:00+02:00', false],
    ['closed on a holiday', BERLIN_GOOD_FRIDAY, '2026-04-03T10:00:00+02:00', false],
    ['closed over lunch on a split shift', BERLIN_SPLIT, '2026-06-01T12:30:00+02:00', false],
    ["open early Saturday on Friday's night shift", NIGHT_DESK, '2026-06-06T03:00:00Z', true],
    ['closed early Monday after a Sunday without shift', NIGHT_DESK, '2026-06-08T03:00:00Z', false],
    ["open early on a holiday while the previous night's shift finishes", NIGHT_DESK_FRIDAY_OFF, '2026-06-05T03:00:00Z', true],
    ['closed on the night the holiday shift would have started', NIGHT_DESK_FRIDAY_OFF, '2026-06-05T23:00:00Z', false],
    ['Kathmandu: open at 09:00 +05:45', KATHMANDU_OFFICE, '2026-06-01T03:15:00Z', true],
    ['Kathmandu: closed at 08:59 +05:45', KATHMANDU_OFFICE, '2026-06-01T03:14:00Z', false],
  ])('%s', (_title, cal, instant, open) => {
    expect(isOpenAt(cal, at(instant))).toBe(open);
  });
});
