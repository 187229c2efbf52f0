/**
 * Walks a process definition with sample input, as a ticket would run it, without running anything: the path, the
 * tasks, approvals and messages it would produce, and the ticket's SLA deadlines on the region's real calendar.
 * Steps whose outcome people or systems decide take the outcome the caller chose for that step (a list: one per
 * visit), else the ordinary one: a task's first outcome, approved, succeeded, replied.
 */
import { addBusinessMinutes } from '../business-calendar';
import type { BusinessCalendar } from '../region';
import type { SlaTargets } from '../sla-policy';
import type { ProcessDefinition } from './process';
import type { ProcessStep } from './steps';
import { applicableLevels, branchTarget, nextStepId, type BranchFacts } from './walk';

export interface SimulationInput {
  facts: BranchFacts['fields'];
  amount: { minor: number; currency: string } | null;
  /** Chosen outcomes per step id, one per visit (the last one repeats). */
  outcomes: Record<string, string[]>;
  startAtMs: number;
}

export interface SimulatedStep {
  stepId: string;
  type: ProcessStep['type'];
  outcome: string | null;
  /** Where it went: a step id, or null when the ticket resolves. */
  next: string | null;
}

export interface SimulationResult {
  path: SimulatedStep[];
  /** Tasks in the order they open; a parallel step's carry their branch (its branches' first tasks open together). */
  tasks: Array<{ stepId: string; branchId?: string; title: string; departmentId: string; outcomes: string[] }>;
  approvals: Array<{ stepId: string; autoApproved: boolean; levels: Array<{ name: string; departmentId: string; mode: string; role: string | null; memberIds: string[]; timeoutMinutes: number }> }>;
  messages: Array<{ stepId: string; template: string }>;
  integrations: Array<{ stepId: string; integration: string }>;
  resolved: boolean;
  /** The walk stopped at this many steps (a loop the chosen outcomes never leave). */
  truncated: boolean;
  deadlines: { firstResponseAtMs: number; resolutionAtMs: number };
}

const MAX_STEPS = 200;

function chosen(input: SimulationInput, stepId: string, visit: number, fallback: string, allowed: readonly string[]): string {
  const list = Object.hasOwn(input.outcomes, stepId) ? input.outcomes[stepId]! : [];
  const pick = list[Math.min(visit, list.length - 1)];
  return pick !== undefined && allowed.includes(pick) ? pick : fallback;
}

export function simulateProcess(process: ProcessDefinition, input: SimulationInput, sla: { targets: SlaTargets; calendar: BusinessCalendar }): SimulationResult {
  const result: SimulationResult = {
    path: [],
    tasks: [],
    approvals: [],
    messages: [],
    integrations: [],
    resolved: false,
    truncated: false,
    deadlines: {
      firstResponseAtMs: addBusinessMinutes(sla.calendar, input.startAtMs, sla.targets.firstResponseMinutes),
      resolutionAtMs: addBusinessMinutes(sla.calendar, input.startAtMs, sla.targets.resolutionMinutes),
    },
  };
  const visits = new Map<string, number>();
  const outcomes: Record<string, string> = {};
  let current: string | null = process.steps[0]?.id ?? null;
  while (current !== null) {
    if (result.path.length >= MAX_STEPS) {
      result.truncated = true;
      return result;
    }
    const step = process.steps.find((s) => s.id === current)!;
    const visit = visits.get(step.id) ?? 0;
    visits.set(step.id, visit + 1);
    let outcome: string | null = null;
    let next: string | null;
    if (step.type === 'branch') {
      next = branchTarget(process, step, { fields: input.facts, amount: input.amount, outcomes });
    } else {
      if (step.type === 'task') {
        result.tasks.push({ stepId: step.id, title: step.title, departmentId: step.departmentId, outcomes: step.outcomes });
        outcome = chosen(input, step.id, visit, step.outcomes[0]!, step.outcomes);
      } else if (step.type === 'parallel') {
        const longest = Math.max(...step.branches.map((b) => b.tasks.length));
        for (let k = 0; k < longest; k++)
          for (const b of step.branches) {
            const t = b.tasks[k];
            if (t) result.tasks.push({ stepId: step.id, branchId: b.id, title: t.title, departmentId: t.departmentId, outcomes: t.outcomes });
          }
        outcome = 'completed';
      } else if (step.type === 'approval') {
        const levels = applicableLevels(step.levels, input.amount);
        result.approvals.push({
          stepId: step.id,
          autoApproved: levels.length === 0,
          levels: levels.map((l) => ({ name: l.name, departmentId: l.approvers.departmentId, mode: l.approvers.mode, role: l.approvers.role ?? null, memberIds: l.approvers.memberIds ?? [], timeoutMinutes: l.timeoutMinutes })),
        });
        outcome = levels.length === 0 ? 'approved' : chosen(input, step.id, visit, 'approved', ['approved', 'rejected']);
        if (outcome === 'rejected') result.messages.push({ stepId: step.id, template: 'approval-outcome' });
      } else if (step.type === 'integration') {
        result.integrations.push({ stepId: step.id, integration: step.integration });
        outcome = chosen(input, step.id, visit, 'succeeded', ['succeeded', 'failed']);
      } else if (step.type === 'notify') {
        result.messages.push({ stepId: step.id, template: step.template });
        outcome = 'sent';
      } else {
        result.messages.push({ stepId: step.id, template: 'info-request' });
        outcome = chosen(input, step.id, visit, 'replied', ['replied', 'timeout']);
      }
      outcomes[step.id] = outcome;
      next = nextStepId(process, step.id, outcome);
    }
    result.path.push({ stepId: step.id, type: step.type, outcome, next });
    current = next;
  }
  result.resolved = true;
  return result;
}
