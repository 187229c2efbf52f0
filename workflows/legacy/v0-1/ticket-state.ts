/** The ticket workflow's state (plain, serialisable: carried across continue-as-new) and pure views of it. */
import type { TicketPlan } from '../../../domain/ticket-plan';
import type { SlaClock } from '../../../domain/sla-policy';
import type { Priority, TicketStatus } from '../../../domain/ticket';
import type { ClockSnapshot, TaskSnapshot, TicketSnapshot } from '../../../domain/ticket-snapshot';

export interface ClockState {
  targetMinutes: number;
  paused: boolean;
  /** Business minutes used before the current run (pauses split a clock into runs). */
  consumedMinutes: number;
  resumedAtMs: number;
  dueAtMs: number | null;
  warnAtMs: number | null;
  warned: boolean;
  breachedAtMs: number | null;
  metAtMs: number | null;
  breachNumber: number;
  ladderAtMs: number[];
  nextLevel: number;
  escalationLevel: number;
}

export type Phase = 'new' | 'working' | 'resolved' | 'closed';

export interface TicketState {
  ticketId: string;
  receivedAtMs: number;
  historyLimit?: number;
  plan: TicketPlan | null;
  phase: Phase;
  waitingOnCustomer: boolean;
  seq: number;
  priority: Priority;
  task: (TaskSnapshot & { requiredSkills: string[] }) | null;
  taskCounter: number;
  lastStepId: string | null;
  clocks: Partial<Record<SlaClock, ClockState>>;
  /** Bumped on every clock change; the SLA monitor re-plans its next timer when it moves. */
  slaVersion: number;
  /** True while the SLA monitor is applying a warning, breach or ladder level (continue-as-new waits for it). */
  slaBusy: boolean;
  breachCount: number;
  firstRespondedAtMs: number | null;
  resolvedAtMs: number | null;
  closesAtMs: number | null;
  closedAtMs: number | null;
  reopenCount: number;
}

export interface TicketWorkflowInput {
  ticketId: string;
  receivedAtMs: number;
  /** History length at which the run continues as new (default 10,000). */
  historyLimit?: number;
  /** Present when the workflow continued as new. */
  state?: TicketState;
}

/** State of a ticket that has just been received. */
export function newTicketState(input: TicketWorkflowInput): TicketState {
  return {
    ticketId: input.ticketId,
    receivedAtMs: input.receivedAtMs,
    historyLimit: input.historyLimit,
    plan: null,
    phase: 'new',
    waitingOnCustomer: false,
    seq: 0,
    priority: 'normal',
    task: null,
    taskCounter: 0,
    lastStepId: null,
    clocks: {},
    slaVersion: 0,
    slaBusy: false,
    breachCount: 0,
    firstRespondedAtMs: null,
    resolvedAtMs: null,
    closesAtMs: null,
    closedAtMs: null,
    reopenCount: 0,
  };
}

/** The customer-visible status derived from the phase. */
export function ticketStatus(s: TicketState): TicketStatus {
  switch (s.phase) {
    case 'new':
      return s.plan ? 'triaged' : 'new';
    case 'working':
      if (s.waitingOnCustomer) return 'waiting_customer';
      return s.task ? 'assigned' : 'triaged';
    case 'resolved':
      return 'resolved';
    case 'closed':
      return 'closed';
  }
}

function clockSnapshot(c: ClockState): ClockSnapshot {
  const status = c.metAtMs !== null ? 'met' : c.paused ? 'paused' : c.breachedAtMs !== null ? 'breached' : 'running';
  return { status, dueAtMs: c.paused ? null : c.dueAtMs, breachedAtMs: c.breachedAtMs, metAtMs: c.metAtMs, escalationLevel: c.escalationLevel };
}

function isCounting(c: ClockState | undefined): c is ClockState {
  return !!c && !c.paused && c.metAtMs === null && c.dueAtMs !== null;
}

/** When the customer should hear from us next: a pending response deadline, else the resolution deadline. */
export function nextUpdateDueAtMs(s: TicketState): number | null {
  if (s.phase !== 'working' || s.waitingOnCustomer) return null;
  const response = [s.clocks.firstResponse, s.clocks.nextResponse].filter(isCounting).map((c) => c.dueAtMs as number);
  if (response.length > 0) return Math.min(...response);
  const resolution = s.clocks.resolution;
  return isCounting(resolution) ? resolution.dueAtMs : null;
}

/** The read-model snapshot written with every event. */
export function toSnapshot(s: TicketState): TicketSnapshot {
  const sla: TicketSnapshot['sla'] = {};
  for (const [name, c] of Object.entries(s.clocks) as Array<[SlaClock, ClockState]>) sla[name] = clockSnapshot(c);
  let task: TaskSnapshot | null = null;
  if (s.task) {
    const { requiredSkills: _skills, ...rest } = s.task;
    task = rest;
  }
  return {
    status: ticketStatus(s),
    language: s.plan?.language ?? null,
    categoryId: s.plan?.categoryId ?? null,
    priority: s.priority,
    processId: s.plan?.process.id ?? null,
    processVersion: s.plan?.process.version ?? null,
    slaPolicyId: s.plan?.slaPolicyId ?? null,
    task,
    sla,
    breachCount: s.breachCount,
    nextUpdateDueAtMs: nextUpdateDueAtMs(s),
    firstRespondedAtMs: s.firstRespondedAtMs,
    resolvedAtMs: s.resolvedAtMs,
    closesAtMs: s.closesAtMs,
    closedAtMs: s.closedAtMs,
    reopenCount: s.reopenCount,
  };
}

export type SlaDue = { clock: SlaClock; kind: 'warn' | 'breach' | 'level'; atMs: number };

/** The next SLA instant to act on (warning, breach or ladder level) among the clocks that are counting. */
export function nextSlaDue(s: TicketState): SlaDue | null {
  let best: SlaDue | null = null;
  const consider = (d: SlaDue) => {
    if (!best || d.atMs < best.atMs) best = d;
  };
  for (const [clock, c] of Object.entries(s.clocks) as Array<[SlaClock, ClockState]>) {
    if (!isCounting(c)) continue;
    if (c.breachedAtMs === null) {
      if (!c.warned && c.warnAtMs !== null && c.warnAtMs < (c.dueAtMs as number)) consider({ clock, kind: 'warn', atMs: c.warnAtMs });
      consider({ clock, kind: 'breach', atMs: c.dueAtMs as number });
    } else {
      const at = c.ladderAtMs[c.nextLevel];
      if (at !== undefined) consider({ clock, kind: 'level', atMs: at });
    }
  }
  return best;
}
