/**
 * An approval on a ticket, as the workflow keeps it and the read model shows it: the levels that applied to the
 * amount, who may answer each, and every answer given. Plain data (it crosses continue-as-new) with the pure rules
 * that decide a level and refuse an answer; kept free of zod, workflows import it.
 */
import type { Money } from '../messages/templates';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'auto_approved';
export type LevelStatus = 'waiting' | 'pending' | 'approved' | 'rejected';
export type Decision = 'approve' | 'reject';

export interface ApprovalLevelState {
  name: string;
  departmentId: string;
  mode: 'any' | 'all';
  /** Members who may answer, fixed when the level starts (an escalation adds to it). */
  eligible: string[];
  status: LevelStatus;
  startedAtMs: number | null;
  dueAtMs: number | null;
  escalated: boolean;
}

export interface ApprovalAnswer {
  level: number;
  memberId: string;
  decision: Decision;
  reason: string;
  atMs: number;
}

export interface ApprovalState {
  approvalId: string;
  stepId: string;
  title: string;
  status: ApprovalStatus;
  /** The member whose completed task led to the approval; they may not approve it. */
  requestedBy: string | null;
  amount: Money | null;
  levels: ApprovalLevelState[];
  /** The level being answered (levels.length once decided). */
  current: number;
  answers: ApprovalAnswer[];
  requestedAtMs: number;
  decidedAtMs: number | null;
  /** The reason of the deciding rejection. */
  reason: string | null;
}

/** Why a member's answer is refused, or null when they may answer the current level. */
export type AnswerRefusal = 'APPROVAL_DECIDED' | 'REQUESTER_CANNOT_APPROVE' | 'NOT_AN_APPROVER' | 'ALREADY_ANSWERED';

export function answerRefusal(a: ApprovalState, memberId: string): AnswerRefusal | null {
  if (a.answers.some((x) => x.memberId === memberId)) return 'ALREADY_ANSWERED';
  const level = a.levels[a.current];
  if (a.status !== 'pending' || !level || levelResult(a, a.current) !== null) return 'APPROVAL_DECIDED';
  if (memberId === a.requestedBy) return 'REQUESTER_CANNOT_APPROVE';
  if (level.status !== 'pending' || !level.eligible.includes(memberId)) return 'NOT_AN_APPROVER';
  return null;
}

/** A level's result from its answers: any-of is decided by the first answer, all-of needs every eligible approval. */
export function levelResult(a: ApprovalState, index: number): 'approved' | 'rejected' | null {
  const level = a.levels[index]!;
  const answers = a.answers.filter((x) => x.level === index);
  if (answers.some((x) => x.decision === 'reject')) return 'rejected';
  if (level.mode === 'any') return answers.length > 0 ? 'approved' : null;
  const approvedBy = new Set(answers.map((x) => x.memberId));
  return level.eligible.every((m) => approvedBy.has(m)) ? 'approved' : null;
}

/** Members who answered any level: nobody answers two levels of one approval (four eyes on every level). */
export function earlierApprovers(a: ApprovalState): string[] {
  return [...new Set(a.answers.map((x) => x.memberId))];
}
