import type { z } from 'zod';
import type { RegionSchema, WeeklyHours, WorkSpan } from '../../domain/region';
import { GERMAN_HOLIDAYS, US_HOLIDAYS, VIETNAMESE_HOLIDAYS } from './holidays';

type RegionInput = z.input<typeof RegionSchema>;

/** The same spans on each of the given days. */
export function days(which: Array<keyof WeeklyHours>, spans: WorkSpan[]): WeeklyHours {
  return Object.fromEntries(which.map((d) => [d, spans]));
}
export const MON_FRI = ['mon', 'tue', 'wed', 'thu', 'fri'] as Array<keyof WeeklyHours>;
const EVERY_DAY = [...MON_FRI, 'sat', 'sun'] as Array<keyof WeeklyHours>;

/** Demo regions: three real calendars, and one that is always open so SLAs breach within minutes. */
export const DEMO_REGIONS: RegionInput[] = [
  {
    id: 'us-east',
    name: 'United States (East)',
    calendar: { timeZone: 'America/New_York', weeklyHours: days(MON_FRI, [{ start: '09:00', end: '17:00' }]), holidays: US_HOLIDAYS },
    quietHours: { start: '21:00', end: '08:00' },
    defaultLanguage: 'en',
    retentionDays: 730,
  },
  {
    id: 'eu-central',
    name: 'Central Europe',
    calendar: {
      timeZone: 'Europe/Berlin',
      weeklyHours: days(MON_FRI, [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }]),
      holidays: GERMAN_HOLIDAYS,
    },
    quietHours: { start: '20:00', end: '08:00' },
    defaultLanguage: 'de',
    retentionDays: 365,
  },
  {
    id: 'apac-vn',
    name: 'Vietnam',
    calendar: {
      timeZone: 'Asia/Ho_Chi_Minh',
      weeklyHours: days([...MON_FRI, 'sat'], [{ start: '08:00', end: '17:30' }]),
      holidays: VIETNAMESE_HOLIDAYS,
    },
    quietHours: { start: '21:00', end: '07:30' },
    defaultLanguage: 'vi',
    retentionDays: 730,
  },
  {
    id: 'demo-fast',
    name: 'Demo (always open, minute-scale SLAs)',
    calendar: { timeZone: 'UTC', weeklyHours: days(EVERY_DAY, [{ start: '00:00', end: '24:00' }]), holidays: [] },
    defaultLanguage: 'en',
    retentionDays: 30,
  },
];
