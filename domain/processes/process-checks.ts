/**
 * What a process must be before it is stored, beyond each step's shape: references that resolve, outcomes that
 * exist, approval levels with someone to answer them, and no path that can never end. Refused at apply time with the
 * step's path, so a definition can never fail a ticket at run time.
 */
import { ruleIssue } from '../rules';
import { outcomesOf, type ProcessStep } from './steps';
import { RESOLVE } from './walk';

type Issue = ReturnType<typeof ruleIssue>;

/** The targets each outcome of a step can lead to (null: the ticket resolves). */
function successors(steps: readonly ProcessStep[], index: number): Array<string | null> {
  const step = steps[index]!;
  const fallthrough = steps[index + 1]?.id ?? null;
  const resolveRef = (target: string | undefined) => (target === undefined ? fallthrough : target === RESOLVE ? null : target);
  if (step.type === 'branch') return [...step.cases.map((c) => resolveRef(c.next)), resolveRef(step.otherwise)];
  const outcomes = outcomesOf(step);
  // No outcomes is its own (shape) problem: don't report a cycle on top of it.
  if (outcomes.length === 0) return [null];
  return outcomes.map((o) => resolveRef(Object.hasOwn(step.next, o) ? step.next[o] : undefined));
}

/** Steps from which no path resolves the ticket: each is in, or only leads into, a cycle with no exit. */
function trappedSteps(steps: readonly ProcessStep[]): Set<string> {
  const exits = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    steps.forEach((s, i) => {
      if (!exits.has(s.id) && successors(steps, i).some((t) => t === null || exits.has(t))) {
        exits.add(s.id);
        grew = true;
      }
    });
  }
  return new Set(steps.filter((s) => !exits.has(s.id)).map((s) => s.id));
}

function checkStep(s: ProcessStep, at: PropertyKey[], ids: ReadonlySet<string>, add: (issue: Issue) => void): void {
  const checkTarget = (target: string | undefined, path: PropertyKey[]) => {
    if (target !== undefined && target !== RESOLVE && !ids.has(target)) add(ruleIssue('UNKNOWN_REFERENCE', path, `unknown step "${target}"`));
  };
  if (s.type === 'branch') {
    s.cases.forEach((c, j) => {
      checkTarget(c.next, [...at, 'cases', j, 'next']);
      if (c.when.field === 'outcome' && !ids.has(c.when.step)) add(ruleIssue('UNKNOWN_REFERENCE', [...at, 'cases', j, 'when', 'step'], `unknown step "${c.when.step}"`));
    });
    checkTarget(s.otherwise, [...at, 'otherwise']);
    return;
  }
  const outcomes = outcomesOf(s);
  for (const [outcome, target] of Object.entries(s.next)) {
    if (!outcomes.includes(outcome)) add(ruleIssue('UNKNOWN_REFERENCE', [...at, 'next', outcome], `not one of the step's outcomes (${outcomes.join(', ')})`));
    checkTarget(target, [...at, 'next', outcome]);
  }
  if (s.type === 'approval')
    s.levels.forEach((l, j) => {
      for (const [key, group] of [['approvers', l.approvers], ['escalateTo', l.escalateTo]] as const)
        if (group && !group.role && !(group.memberIds?.length ?? 0))
          add(ruleIssue('INCONSISTENT_INPUT', [...at, 'levels', j, key], 'an approval level needs approvers: a role, member ids, or both'));
    });
  if (s.type === 'parallel') {
    const seen = new Set<string>();
    s.branches.forEach((b, j) => {
      if (seen.has(b.id)) add(ruleIssue('INCONSISTENT_INPUT', [...at, 'branches', j, 'id'], `branch id "${b.id}" is used twice in this step`));
      seen.add(b.id);
    });
  }
  if (s.type === 'integration') {
    if (s.integration === 'platform.restrict' && !s.restriction) add(ruleIssue('INCONSISTENT_INPUT', [...at, 'restriction'], 'platform.restrict needs a restriction (purchases or account)'));
    if (s.integration !== 'platform.restrict' && s.restriction) add(ruleIssue('INCONSISTENT_INPUT', [...at, 'restriction'], `${s.integration} takes no restriction`));
  }
}

/** Checks a process's steps; each problem is reported with its path from the body's root. */
export function checkProcessGraph(steps: readonly ProcessStep[], add: (issue: Issue) => void): void {
  const ids = new Set<string>();
  steps.forEach((s, i) => {
    if (ids.has(s.id)) add(ruleIssue('INCONSISTENT_INPUT', ['steps', i, 'id'], `step id "${s.id}" is used twice`));
    ids.add(s.id);
  });
  steps.forEach((s, i) => checkStep(s, ['steps', i], ids, add));
  const trapped = trappedSteps(steps);
  steps.forEach((s, i) => {
    if (trapped.has(s.id)) add(ruleIssue('INCONSISTENT_INPUT', ['steps', i], `step "${s.id}" is in a cycle with no exit: no outcome ever leads to resolution`));
  });
}
