/** Pure views of the ticket state: its status, the read-model snapshot, and the next SLA instant to act on. */
import { isCounting, type ClockState } from '../domain/sla-clock';
import type { SlaClock } from '../domain/sla-policy';
import type { TicketStatus } from '../domain/ticket';
import type { ClockSnapshot, TaskSnapshot, TicketSnapshot } from '../domain/ticket-snapshot';
import type { TaskState, TicketState } from './ticket-state';
import { currentTasks } from './ticket-tasks';

/** The status staff and customers see, derived from the phase. */
export function ticketStatus(s: TicketState): TicketStatus {
  switch (s.phase) {
    case 'new':
      if (s.attention) return 'needs_attention';
      return s.plan ? 'triaged' : 'new';
    case 'working':
      if (s.attention) return 'needs_attention';
      if (s.waitingOnCustomer) return 'waiting_customer';
      if (s.approvals?.some((a) => a.status === 'pending')) return 'pending_approval';
      return s.task || s.parallel ? 'assigned' : 'triaged';
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

/** When the customer should hear from us next: a pending response deadline, else the resolution deadline. */
export function nextUpdateDueAtMs(s: TicketState): number | null {
  if (s.phase !== 'working' || s.waitingOnCustomer) return null;
  const response = [s.clocks.firstResponse, s.clocks.nextResponse].filter(isCounting).map((c) => c.dueAtMs as number);
  if (response.length > 0) return Math.min(...response);
  const resolution = s.clocks.resolution;
  return isCounting(resolution) ? resolution.dueAtMs : null;
}

function stepType(s: TicketState, stepId: string): string {
  return s.plan?.process.steps.find((st) => st.id === stepId)?.type ?? 'unknown';
}

function taskSnapshot({ requiredSkills: _skills, ...task }: TaskState): TaskSnapshot {
  return task;
}

/** The step in progress when it is not a single task: a parallel step, an approval, an integration call, a wait. */
function stepSnapshot(s: TicketState): TicketSnapshot['step'] {
  const run = s.parallel ?? s.step;
  return run ? { stepId: run.stepId, type: stepType(s, run.stepId), startedAtMs: run.startedAtMs } : null;
}

/** The read-model snapshot written with every event. */
export function toSnapshot(s: TicketState): TicketSnapshot {
  const sla: TicketSnapshot['sla'] = {};
  for (const [name, c] of Object.entries(s.clocks) as Array<[SlaClock, ClockState]>) sla[name] = clockSnapshot(c);
  const task = s.task && !s.parallel ? taskSnapshot(s.task) : null;
  const tasks = s.parallel ? currentTasks(s).map(taskSnapshot) : [];
  return {
    status: ticketStatus(s),
    attention: s.attention,
    language: s.plan?.language ?? null,
    categoryId: s.plan?.categoryId ?? null,
    priority: s.priority,
    processId: s.plan?.process.id ?? null,
    processVersion: s.plan?.process.version ?? null,
    slaPolicyId: s.plan?.slaPolicyId ?? null,
    task,
    tasks,
    step: stepSnapshot(s),
    approvals: s.approvals ?? [],
    survey: s.survey ? { status: s.survey.status, score: s.survey.score, comment: s.survey.comment, sentAtMs: s.survey.sentAtMs, expiresAtMs: s.survey.expiresAtMs, answeredAtMs: s.survey.answeredAtMs } : null,
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
