import { z } from 'zod';
import { rule } from './rules';
import { singleLineText } from './text';

/** A wall-clock time of day, "HH:MM" (00:00–24:00). */
export const TimeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM between 00:00 and 24:00');

/**
 * One working span on a weekday. `end` ≤ `start` means the span runs overnight into the next day
 * (22:00–06:00 on Friday is Friday 22:00 → Saturday 06:00).
 */
export const WorkSpanSchema = z.strictObject({ start: TimeOfDaySchema, end: TimeOfDaySchema });
export type WorkSpan = z.infer<typeof WorkSpanSchema>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Working spans per weekday; a missing day is closed. Several spans per day give split shifts. */
export const WeeklyHoursSchema = z.strictObject({
  mon: z.array(WorkSpanSchema).max(8).optional(),
  tue: z.array(WorkSpanSchema).max(8).optional(),
  wed: z.array(WorkSpanSchema).max(8).optional(),
  thu: z.array(WorkSpanSchema).max(8).optional(),
  fri: z.array(WorkSpanSchema).max(8).optional(),
  sat: z.array(WorkSpanSchema).max(8).optional(),
  sun: z.array(WorkSpanSchema).max(8).optional(),
});
export type WeeklyHours = z.infer<typeof WeeklyHoursSchema>;

/** How an IANA time zone name is spelled (no offsets such as "UTC+02:00"). */
const TIME_ZONE_NAME = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/;

/**
 * An IANA time zone name that this runtime knows. A malformed one ("UTC+02:00") is a 400; a well-formed name the time
 * zone database does not have ("Mars/Olympus") is an unknown reference, 422, like an unknown region.
 */
export const TimeZoneSchema = z
  .string()
  .max(64)
  .regex(TIME_ZONE_NAME, { message: 'expected an IANA time zone name such as Europe/Berlin', abort: true })
  .refine(isKnownTimeZone, rule('UNKNOWN_REFERENCE', 'unknown IANA time zone'));

export function isKnownTimeZone(zone: string): boolean {
  if (!TIME_ZONE_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A local calendar date, "YYYY-MM-DD". */
export const LocalDateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected YYYY-MM-DD');

/** The calendar SLA clocks count on: a zone, weekly working spans and closed dates. */
export const BusinessCalendarSchema = z.strictObject({
  timeZone: TimeZoneSchema,
  weeklyHours: WeeklyHoursSchema,
  holidays: z.array(z.strictObject({ date: LocalDateSchema, name: singleLineText(120) })).max(400).default([]),
});
export type BusinessCalendar = z.infer<typeof BusinessCalendarSchema>;

/**
 * When customers are not sent messages that can wait (reminders, approval outcomes, refund confirmations), in the
 * customer's own zone: the hours from `start` to `end` (over midnight when `end` is earlier) and whole `days`
 * (weekends). Acknowledgements and replies to the customer go at once.
 */
export const QuietHoursSchema = z.strictObject({
  start: TimeOfDaySchema,
  end: TimeOfDaySchema,
  days: z.array(z.enum(WEEKDAYS)).max(6).default([]),
});
export type QuietHours = z.infer<typeof QuietHoursSchema>;

export const IdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'expected a lowercase slug: letters, digits and dashes, 2–63 characters');

/** A region ops define: where customers live, the calendar their SLAs count on, quiet hours. */
export const RegionSchema = z.strictObject({
  id: IdSchema,
  name: singleLineText(120),
  calendar: BusinessCalendarSchema,
  quietHours: QuietHoursSchema.optional(),
  defaultLanguage: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/).default('en'),
  /** Calendar days after which closed tickets are anonymised (delivered by a later issue). */
  retentionDays: z.number().int().min(1).max(3650).default(730),
});
export type Region = z.infer<typeof RegionSchema>;
