/** The ticket workflow's state: plain, serialisable data carried across continue-as-new, versioned by `stateVersion`. */
import type { ApprovalState } from '../domain/approvals/approval';
import type { SurveyState } from '../domain/surveys/survey';
import type { OutboundMessage } from '../domain/outbound-message';
import type { SlaClock } from '../domain/sla-policy';
import type { ClockState } from '../domain/sla-clock';
import type { Priority } from '../domain/ticket';
import type { TicketPlan } from '../domain/ticket-plan';
import type { TaskSnapshot } from '../domain/ticket-snapshot';

/** The shape of `TicketState`; bump it with a migration in state-migrations.ts whenever the shape changes. */
export const STATE_VERSION = 4;

export type Phase = 'new' | 'working' | 'resolved' | 'closed';

/** An escalation level that fired and whose side effects are still to be applied. */
export interface PendingEscalation {
  clock: SlaClock;
  breachNumber: number;
  levelIndex: number;
}

/** A step other than a task in progress (approval, integration, wait for the customer), carried across continue-as-new. */
export interface StepRun {
  stepId: string;
  startedAtMs: number;
  /** wait_customer: when the question was asked, its reminder and timeout instants, how many have passed. */
  wait?: { askedAtMs: number; instants: number[]; passed: number; repliedAtMs: number | null };
}

/** A department's task as the workflow keeps it (the read model's task without the skills asked for). */
export type TaskState = TaskSnapshot & { requiredSkills: string[] };

/** One branch of a parallel step: which of its tasks it is on, that task, and whether the branch has finished. */
export interface BranchRun {
  branchId: string;
  index: number;
  task: TaskState | null;
  done: boolean;
}

/** A parallel step in progress (state version 4): its branches' tasks are open at the same time. */
export interface ParallelRun {
  stepId: string;
  startedAtMs: number;
  branches: BranchRun[];
  /** The branch task completed last: after the step it is the ticket's task (an approval's requester). */
  lastDone: TaskState | null;
}

/** A request already applied: a retry with the same id (even after continue-as-new) is answered, not applied again. */
export interface HandledRequest {
  id: string;
  seq: number;
}

export interface TicketState {
  stateVersion: number;
  ticketId: string;
  receivedAtMs: number;
  historyLimit?: number;
  /** The intake request the first activity writes the ticket from (absent when intake wrote the ticket itself). */
  intakeId?: string;
  plan: TicketPlan | null;
  phase: Phase;
  /** Set while the ticket cannot go on because ops configuration is missing (shown as `needs_attention`). */
  attention: { reason: string; sinceMs: number } | null;
  waitingOnCustomer: boolean;
  seq: number;
  priority: Priority;
  task: TaskState | null;
  taskCounter: number;
  lastStepId: string | null;
  /** The non-task step in progress (state version 3). */
  step: StepRun | null;
  /** The parallel step in progress (state version 4). */
  parallel: ParallelRun | null;
  /** The last outcome of every step that finished (branches can test them). */
  outcomes: Record<string, string>;
  approvals: ApprovalState[];
  /** Failed calls per integration step: a new call after a failure gets a new idempotency key, a retry never does. */
  integrationFailures: Record<string, number>;
  /** How many times the ticket entered each non-task step (a message's key names its pass). */
  passes: Record<string, number>;
  /** The satisfaction survey, once the ticket was resolved on a process that has one. */
  survey: SurveyState | null;
  clocks: Partial<Record<SlaClock, ClockState>>;
  /** Bumped on every clock change; the SLA monitor re-plans its next timer when it moves. */
  slaVersion: number;
  /** SLA monitor actions in progress (continue-as-new waits for them). */
  inFlight: number;
  breachCount: number;
  firstRespondedAtMs: number | null;
  resolvedAtMs: number | null;
  closesAtMs: number | null;
  closedAtMs: number | null;
  reopenCount: number;
  outbound: OutboundMessage[];
  escalations: PendingEscalation[];
  handled: HandledRequest[];
  /** Decided again at the start of every run (release 0.3's patch): the lifecycle goes on while its events are written. */
  overlapWrites?: boolean;
  /** Decided again at the start of every run (release 0.5's patch): resolving tells the customer. */
  noticeResolution?: boolean;
}

export interface TicketWorkflowInput {
  ticketId: string;
  receivedAtMs: number;
  /** History length at which the run continues as new (default 10,000). */
  historyLimit?: number;
  /** The intake request to write the ticket from; absent when the intake wrote the ticket itself. */
  intakeId?: string;
  /** Present when the workflow continued as new (any earlier state version; it is migrated). */
  state?: unknown;
}

/**
 * Whether nothing more can happen to the ticket: closed, with no survey queued or open (a low score would reopen it).
 * The background loops (outbound, SLA monitor, escalations) run until then.
 */
export function lifecycleOver(s: TicketState): boolean {
  return s.phase === 'closed' && !(s.survey && (s.survey.status === 'scheduled' || s.survey.status === 'sent'));
}

/** State of a ticket that has just been received. */
export function newTicketState(input: TicketWorkflowInput): TicketState {
  return {
    stateVersion: STATE_VERSION,
    ticketId: input.ticketId,
    receivedAtMs: input.receivedAtMs,
    historyLimit: input.historyLimit,
    ...(input.intakeId ? { intakeId: input.intakeId } : {}),
    plan: null,
    phase: 'new',
    attention: null,
    waitingOnCustomer: false,
    seq: 0,
    priority: 'normal',
    task: null,
    taskCounter: 0,
    lastStepId: null,
    step: null,
    parallel: null,
    outcomes: {},
    approvals: [],
    integrationFailures: {},
    passes: {},
    survey: null,
    clocks: {},
    slaVersion: 0,
    inFlight: 0,
    breachCount: 0,
    firstRespondedAtMs: null,
    resolvedAtMs: null,
    closesAtMs: null,
    closedAtMs: null,
    reopenCount: 0,
    outbound: [],
    escalations: [],
    handled: [],
  };
}
