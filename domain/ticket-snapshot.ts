/** The ticket's current state as the workflow sees it; written to the read model with every event. */
import type { Priority, TicketStatus } from './ticket';
import type { SlaClock } from './sla-policy';
import type { ApprovalState } from './approvals/approval';

export type ClockStatus = 'running' | 'paused' | 'met' | 'breached';

export interface ClockSnapshot {
  status: ClockStatus;
  /** Null while paused. */
  dueAtMs: number | null;
  breachedAtMs: number | null;
  metAtMs: number | null;
  /** Highest escalation level fired for this clock (0-based), -1 when none. */
  escalationLevel: number;
}

export type TaskStatus = 'open' | 'claimed' | 'done';

export interface TaskSnapshot {
  taskId: string;
  stepId: string;
  title: string;
  departmentId: string;
  assigneeId: string | null;
  status: TaskStatus;
  outcome: string | null;
  allowedOutcomes: string[];
  createdAtMs: number;
  /** The branch of a parallel step the task belongs to. */
  branchId?: string;
  /** The member who completed the task (they may not approve what it requested). */
  completedBy?: string | null;
}

export interface TicketSnapshot {
  status: TicketStatus;
  /** Why the ticket is stuck on missing configuration (status `needs_attention`), and since when. */
  attention?: { reason: string; sinceMs: number } | null;
  language: string | null;
  categoryId: string | null;
  priority: Priority;
  processId: string | null;
  processVersion: number | null;
  slaPolicyId: string | null;
  task: TaskSnapshot | null;
  /** While a parallel step runs (`task` is then null): each branch's current task, or its last one once finished. */
  tasks?: TaskSnapshot[];
  /** The step in progress when it is not a task (an approval, an integration call, a wait for the customer). */
  step?: { stepId: string; type: string; startedAtMs: number } | null;
  /** The satisfaction survey, once the ticket was resolved on a process that has one. */
  survey?: { status: string; score: number | null; comment: string | null; sentAtMs: number | null; expiresAtMs: number | null; answeredAtMs: number | null } | null;
  /** Every approval of the ticket, the pending one included. */
  approvals?: ApprovalState[];
  sla: Partial<Record<SlaClock, ClockSnapshot>>;
  breachCount: number;
  /** When the customer can expect the next update (the earliest running customer-facing deadline). */
  nextUpdateDueAtMs: number | null;
  firstRespondedAtMs: number | null;
  resolvedAtMs: number | null;
  closesAtMs: number | null;
  closedAtMs: number | null;
  reopenCount: number;
}
