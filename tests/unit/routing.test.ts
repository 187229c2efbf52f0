import type { Member } from '../../domain/department';
import type { WeeklyHours } from '../../domain/region';
import { onShiftMembers, pickAssignee } from '../../domain/routing';

const at = (iso: string): number => Date.parse(iso);
const weekdays = (start: string, end: string): WeeklyHours => {
  const spans = [{ start, end }];
  return { mon: spans, tue: spans, wed: spans, thu: spans, fri: spans };
};
const member = (id: string, timeZone: string, hours: WeeklyHours, skills: string[], languages: string[]): Member => ({
  id,
  name: id,
  email: `${id}@example.test`,
  skills,
  languages,
  roles: [],
  shift: { timeZone, weeklyHours: hours },
});

// Listed out of id order on purpose: the rotation must not depend on how the department stores its members.
const TEAM: Member[] = [
  member('di-berlin', 'Europe/Berlin', weekdays('14:00', '22:00'), ['billing', 'refunds'], ['de', 'en']),
  member('bo-saigon', 'Asia/Ho_Chi_Minh', weekdays('09:00', '17:00'), ['billing'], ['vi', 'en']),
  member('cy-ny', 'America/New_York', weekdays('08:00', '20:00'), ['billing'], ['en']),
  member('ana-ny', 'America/New_York', weekdays('09:00', '17:00'), ['billing', 'refunds'], ['en', 'es']),
];
// Monday 10:00 in New York = 16:00 in Berlin = 21:00 in Ho Chi Minh City (Bo is off shift).
const NY_MORNING = at('2026-06-01T10:00:00-04:00');

describe('onShiftMembers', () => {
  it.each<[string, string, string[]]>([
    ['New York morning: both New Yorkers and Berlin afternoon are on, Saigon has gone home', '2026-06-01T10:00:00-04:00', ['di-berlin', 'cy-ny', 'ana-ny']],
    ['Saigon morning: only Saigon is on while New York sleeps', '2026-06-01T10:00:00+07:00', ['bo-saigon']],
    ['17:00 in New York ends the 09:00–17:00 shift but not the 08:00–20:00 one', '2026-06-01T17:00:00-04:00', ['cy-ny']],
    ['Saturday: nobody is on shift', '2026-06-06T12:00:00Z', []],
  ])('%s', (_title, instant, ids) => {
    expect(onShiftMembers(TEAM, at(instant)).map((m) => m.id)).toEqual(ids);
  });
});

describe('pickAssignee', () => {
  it('rotates through the members on shift in id order, one ticket each', () => {
    let cursor = 0;
    const picked: Array<string | null> = [];
    for (let i = 0; i < 4; i++) {
      const result = pickAssignee({ members: TEAM, requiredSkills: ['billing'], atMs: NY_MORNING, cursor });
      picked.push(result.memberId);
      expect(result.nextCursor).toBe(cursor + 1);
      cursor = result.nextCursor;
    }
    expect(picked).toEqual(['ana-ny', 'cy-ny', 'di-berlin', 'ana-ny']);
  });

  it.each<[string, Partial<{ requiredSkills: string[]; language: string; atMs: number }>, number, string | null]>([
    ['skips the Saigon member who is off shift while New York works', {}, 3, 'ana-ny'],
    ['gives Saigon-morning tickets to the only member on shift there', { atMs: at('2026-06-01T10:00:00+07:00') }, 5, 'bo-saigon'],
    ['sends a German ticket to the German speaker whatever the cursor', { language: 'de' }, 0, 'di-berlin'],
    ['sends a German ticket to the German speaker on the next turn too', { language: 'de' }, 1, 'di-berlin'],
    ['matches a regional tag on its language ("es-MX" → "es")', { language: 'es-MX' }, 2, 'ana-ny'],
    ['falls back to everyone on shift when nobody speaks the language', { language: 'fr' }, 1, 'cy-ny'],
    ['does not wait for a Vietnamese speaker who is off shift', { language: 'vi' }, 0, 'ana-ny'],
    ['only offers refund tickets to members with the refunds skill', { requiredSkills: ['refunds'] }, 1, 'di-berlin'],
    ['requires every listed skill', { requiredSkills: ['billing', 'refunds'], language: 'en' }, 2, 'ana-ny'],
  ])('%s', (_title, overrides, cursor, expected) => {
    const result = pickAssignee({ members: TEAM, requiredSkills: ['billing'], atMs: NY_MORNING, cursor, ...overrides });
    expect(result).toEqual({ memberId: expected, nextCursor: cursor + 1 });
  });

  it.each<[string, Partial<{ requiredSkills: string[]; atMs: number }>]>([
    ['nobody has the skill', { requiredSkills: ['legal'] }],
    ['nobody is on shift on Saturday', { atMs: at('2026-06-06T12:00:00Z') }],
  ])('leaves the ticket unassigned and keeps the rotation where it was when %s', (_title, overrides) => {
    const result = pickAssignee({ members: TEAM, requiredSkills: ['billing'], atMs: NY_MORNING, cursor: 7, ...overrides });
    expect(result).toEqual({ memberId: null, nextCursor: 7 });
  });
});
