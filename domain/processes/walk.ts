/**
 * Walking a process definition. Kept free of zod (and of the schemas in steps.ts): workflows import it, and every
 * module in the workflow bundle is evaluated once per cached workflow.
 */

/** Where a step goes after an outcome: another step's id, or "$resolve" to resolve the ticket. */
export const RESOLVE = '$resolve' as const;

/** The fixed outcomes of the step kinds whose outcomes are not declared by ops. */
export const STEP_OUTCOMES = {
  approval: ['approved', 'rejected'],
  integration: ['succeeded', 'failed'],
  notify: ['sent'],
  wait_customer: ['replied', 'timeout'],
  parallel: ['completed'],
} as const;

/** Ticket fields a branch can test with `in`. */
export const BRANCH_FIELDS = ['tier', 'category', 'region', 'priority', 'language', 'channel'] as const;
export type BranchField = (typeof BRANCH_FIELDS)[number];

/** The minimal shape of a process the interpreter needs. */
export interface ProcessRoute {
  steps: ReadonlyArray<{ id: string; next?: Record<string, string> }>;
}

/**
 * The step that follows `stepId` after `outcome`: the mapped target, else the next step in order; null when the
 * ticket should resolve ("$resolve", or past the last step).
 */
export function nextStepId(process: ProcessRoute, stepId: string, outcome: string): string | null {
  const index = process.steps.findIndex((s) => s.id === stepId);
  const step = process.steps[index];
  if (!step) return null;
  // Own entries only: an outcome named like an Object.prototype member ("constructor" is a valid outcome name) must
  // not find the inherited function and take it for a step id.
  const next = step.next ?? {};
  const target = Object.hasOwn(next, outcome) ? next[outcome] : undefined;
  return follow(process, index, target);
}

function follow(process: ProcessRoute, index: number, target: string | undefined): string | null {
  if (target === RESOLVE) return null;
  if (target) return target;
  return process.steps[index + 1]?.id ?? null;
}

/** What a branch condition can look at. */
export interface BranchFacts {
  fields: Partial<Record<BranchField, string>>;
  amount: { minor: number; currency: string } | null;
  /** The last outcome of each step that finished. */
  outcomes: Record<string, string>;
}

export type BranchCondition =
  | { field: BranchField; in: readonly string[] }
  | { field: 'amount'; atLeast: Record<string, number> }
  | { field: 'outcome'; step: string; in: readonly string[] };

/** Whether a condition holds; an amount in a currency the condition does not list never holds. */
export function conditionHolds(when: BranchCondition, facts: BranchFacts): boolean {
  if (when.field === 'amount') {
    const min = facts.amount && Object.hasOwn(when.atLeast, facts.amount.currency) ? when.atLeast[facts.amount.currency] : undefined;
    return min !== undefined && facts.amount!.minor >= min;
  }
  if (when.field === 'outcome') {
    const outcome = Object.hasOwn(facts.outcomes, when.step) ? facts.outcomes[when.step] : undefined;
    return outcome !== undefined && when.in.includes(outcome);
  }
  const value = facts.fields[when.field];
  return value !== undefined && when.in.includes(value);
}

/** Where a branch step goes: the first case that holds, else `otherwise`, else the next step in order. */
export function branchTarget(
  process: ProcessRoute,
  step: { id: string; cases: ReadonlyArray<{ when: BranchCondition; next: string }>; otherwise?: string },
  facts: BranchFacts,
): string | null {
  const index = process.steps.findIndex((s) => s.id === step.id);
  const hit = step.cases.find((c) => conditionHolds(c.when, facts));
  return follow(process, index, hit ? hit.next : step.otherwise);
}

/**
 * The approval levels that apply to an amount: a level applies when the amount reaches its `from` in that currency,
 * or when it does not list the currency (or there is no amount), so nothing unexpected is auto-approved.
 */
export function applicableLevels<L extends { from: Record<string, number> }>(levels: readonly L[], amount: { minor: number; currency: string } | null): L[] {
  return levels.filter((level) => {
    if (!amount || !Object.hasOwn(level.from, amount.currency)) return true;
    return amount.minor >= level.from[amount.currency]!;
  });
}
