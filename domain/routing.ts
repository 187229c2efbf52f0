/** Who gets the next ticket: fair, deterministic round robin among the members able to take it now. */
import { isOpenAt } from './business-calendar';
import type { Member } from './department';

/** What routing needs to know about the ticket and the rotation so far. */
export interface PickAssigneeInput {
  members: readonly Member[];
  requiredSkills: readonly string[];
  /** The ticket's language ("pt" or "pt-BR"); members who speak it are preferred, not required. */
  language?: string;
  atMs: number;
  /** How many tickets the rotation has handed out so far (stored by the caller, starts at 0). */
  cursor: number;
}

/** The chosen member (null when nobody can take the ticket) and the cursor to store for the next pick. */
export interface PickAssigneeResult {
  memberId: string | null;
  nextCursor: number;
}

/** Members whose own shift (in their own time zone) is running at `atMs`; public holidays do not apply. */
export function onShiftMembers(members: readonly Member[], atMs: number): Member[] {
  return members.filter((m) =>
    isOpenAt({ timeZone: m.shift.timeZone, weeklyHours: m.shift.weeklyHours, holidays: [] }, atMs),
  );
}

/**
 * Picks the assignee by round robin among members on shift who have every required skill, narrowed to those
 * who speak the ticket's language when at least one does. Candidates are ordered by member id and the pick is
 * candidates[cursor % n], so the same input always gives the same member and consecutive cursors rotate.
 * With no candidate the ticket stays unassigned and the cursor does not move.
 */
export function pickAssignee(input: PickAssigneeInput): PickAssigneeResult {
  const skilled = onShiftMembers(input.members, input.atMs).filter((m) =>
    input.requiredSkills.every((skill) => m.skills.includes(skill)),
  );
  const { language } = input;
  const speakers = language ? skilled.filter((m) => speaks(m, language)) : [];
  // Plain code-unit comparison, not localeCompare: the order must not depend on the host's locale data.
  const candidates = (speakers.length > 0 ? speakers : skilled).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (candidates.length === 0) return { memberId: null, nextCursor: input.cursor };
  const index = ((input.cursor % candidates.length) + candidates.length) % candidates.length;
  return { memberId: candidates[index]?.id ?? null, nextCursor: input.cursor + 1 };
}

/** Matches on the primary language subtag, so a "pt-BR" ticket goes to a member who lists "pt". */
function speaks(member: Member, language: string): boolean {
  const primary = language.toLowerCase().split('-')[0];
  return member.languages.some((l) => l.toLowerCase() === primary);
}
