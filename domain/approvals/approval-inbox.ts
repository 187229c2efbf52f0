/**
 * The approvals inbox: which approvals an approver (or ops) is shown, and in which order. Pure: the API reads the
 * candidate tickets with a coarse query and decides here, precisely, against the approval as the read model shows it.
 */
import { answerRefusal, levelResult, type ApprovalState, type ApprovalStatus } from './approval';

export const INBOX_STATUSES = ['pending', 'decided'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** What `decided` covers: every final status of an approval. */
export const DECIDED_STATUSES = ['approved', 'rejected', 'auto_approved'] as const satisfies readonly ApprovalStatus[];

/** Whose inbox: a member's (the approvals they may answer now, or answered), or everyone's (memberId null: ops). */
export interface InboxViewer {
  memberId: string | null;
  /** Only approvals of this department: the current level's while pending, any level asked once decided. */
  departmentId?: string;
}

/** Where an item sorts (ascending), with its ids as tie-breakers: the cursor of a page is the last item's position. */
export interface InboxPosition {
  rank: number;
  ticketId: string;
  approvalId: string;
}

function pendingFor(a: ApprovalState, viewer: InboxViewer): boolean {
  const level = a.levels[a.current];
  if (a.status !== 'pending' || level?.status !== 'pending' || levelResult(a, a.current) !== null) return false;
  if (viewer.departmentId !== undefined && level.departmentId !== viewer.departmentId) return false;
  // A member's pending ones are exactly those they may answer now (eligible, not answered, not the requester).
  return viewer.memberId === null || answerRefusal(a, viewer.memberId) === null;
}

function decidedFor(a: ApprovalState, viewer: InboxViewer): boolean {
  if (!(DECIDED_STATUSES as readonly string[]).includes(a.status)) return false;
  if (viewer.departmentId !== undefined && !a.levels.some((l) => l.status !== 'waiting' && l.departmentId === viewer.departmentId)) return false;
  return viewer.memberId === null || a.answers.some((x) => x.memberId === viewer.memberId);
}

/** Whether `a` belongs in the viewer's inbox in `status`. */
export function inInbox(a: ApprovalState, status: InboxStatus, viewer: InboxViewer): boolean {
  const matches: Record<InboxStatus, (a: ApprovalState, viewer: InboxViewer) => boolean> = { pending: pendingFor, decided: decidedFor };
  return matches[status](a, viewer);
}

/**
 * The sort rank: pending ones by the current level's due time, the most overdue first; decided ones newest first.
 * (A pending level always has a due time; one without sorts last.)
 */
export function inboxRank(a: ApprovalState, status: InboxStatus): number {
  if (status === 'pending') return a.levels[a.current]?.dueAtMs ?? Number.MAX_SAFE_INTEGER;
  return -(a.decidedAtMs ?? a.requestedAtMs);
}

/** Orders inbox positions: rank, then ticket id, then approval id (a total order, so pages never overlap). */
export function comparePositions(x: InboxPosition, y: InboxPosition): number {
  return x.rank - y.rank || byCodeUnit(x.ticketId, y.ticketId) || byCodeUnit(x.approvalId, y.approvalId);
}

/** Plain code-unit order (not the locale's): the same on every server. */
function byCodeUnit(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
