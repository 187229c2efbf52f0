import { DateTime } from 'luxon';
import { nextAllowedInstant } from '../../domain/messages/quiet-hours';

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat("ccc yyyy-MM-dd HH:mm");
const NIGHT = { start: '21:00', end: '09:00', days: [] as Array<'sat' | 'sun'> };
const WEEKEND = { ...NIGHT, days: ['sat', 'sun'] as Array<'sat' | 'sun'> };

describe('quiet hours in the customer’s zone', () => {
  it.each([
    // zone, local time of the event, quiet hours, when the message may go (local)
    ['Asia/Manila', '2026-11-26T23:30', NIGHT, 'Fri 2026-11-27 09:00'],
    ['Asia/Manila', '2026-11-27T06:15', NIGHT, 'Fri 2026-11-27 09:00'],
    ['Asia/Manila', '2026-11-27T14:00', NIGHT, 'Fri 2026-11-27 14:00'],
    ['Asia/Manila', '2026-11-27T21:00', NIGHT, 'Sat 2026-11-28 09:00'],
    ['Asia/Manila', '2026-11-27T23:30', WEEKEND, 'Mon 2026-11-30 09:00'],
    ['Asia/Manila', '2026-11-28T12:00', WEEKEND, 'Mon 2026-11-30 09:00'],
    ['America/Sao_Paulo', '2026-11-27T20:59', NIGHT, 'Fri 2026-11-27 20:59'],
    ['Europe/Berlin', '2026-03-28T22:00', { start: '22:00', end: '02:30', days: [] }, 'Sun 2026-03-29 03:30'], // 02:30 does not exist that night
    ['Europe/Berlin', '2026-03-28T23:00', NIGHT, 'Sun 2026-03-29 09:00'], // the night the clocks go forward: still 09:00
    ['Asia/Ho_Chi_Minh', '2026-11-27T12:00', { start: '12:00', end: '13:30', days: [] }, 'Fri 2026-11-27 13:30'], // a lunch window
  ] as const)('%s, %s with %j → %s', (zone, when, quiet, expected) => {
    expect(local(nextAllowedInstant(at(when, zone), zone, { ...quiet, days: [...quiet.days] }), zone)).toBe(expected);
  });

  it('sends at once without quiet hours, and across a zone the same instant waits or not by the customer’s clock', () => {
    const instant = Date.parse('2026-11-27T14:00:00Z'); // 22:00 in Manila, 15:00 in Berlin
    expect(nextAllowedInstant(instant, 'Asia/Manila', undefined)).toBe(instant);
    expect(local(nextAllowedInstant(instant, 'Asia/Manila', NIGHT), 'Asia/Manila')).toBe('Sat 2026-11-28 09:00');
    expect(nextAllowedInstant(instant, 'Europe/Berlin', NIGHT)).toBe(instant);
  });
});
