/**
 * Walking a process definition. Kept free of zod (and of the schemas in process.ts): workflows import it, and every
 * module in the workflow bundle is evaluated once per cached workflow.
 */

/** Where a step goes after an outcome: another step's id, or "$resolve" to resolve the ticket. */
export const RESOLVE = '$resolve' as const;

/** The minimal shape of a process the interpreter needs. */
export interface ProcessRoute {
  steps: ReadonlyArray<{ id: string; next: Record<string, string> }>;
}

/** The step that follows `stepId` after `outcome`, or null when the ticket should resolve. */
export function nextStepId(process: ProcessRoute, stepId: string, outcome: string): string | null {
  const index = process.steps.findIndex((s) => s.id === stepId);
  const step = process.steps[index];
  if (!step) return null;
  // Own entries only: an outcome named like an Object.prototype member ("constructor" is a valid outcome name) must
  // not find the inherited function and take it for a step id.
  const target = Object.hasOwn(step.next, outcome) ? step.next[outcome] : undefined;
  if (target === RESOLVE) return null;
  if (target) return target;
  return process.steps[index + 1]?.id ?? null;
}
