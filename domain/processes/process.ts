import { z } from 'zod';
import { RESOLVE } from './process-steps';
import { IdSchema } from './region';
import { ruleIssue } from './rules';
import { singleLineText } from './text';

export { RESOLVE, nextStepId } from './process-steps';

const StepRefSchema = z.union([IdSchema, z.literal(RESOLVE)]);

const OutcomeSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'expected a snake_case outcome name');

/**
 * A department does work and completes it with one of `outcomes`.
 * `next` maps an outcome to the following step; unmapped outcomes go to the next step in order (or resolve).
 */
export const TaskStepSchema = z.strictObject({
  id: IdSchema,
  type: z.literal('task'),
  title: singleLineText(160),
  departmentId: IdSchema,
  requiredSkills: z.array(singleLineText(40)).max(20).default([]),
  outcomes: z.array(OutcomeSchema).min(1).max(20).default(['done']),
  next: z.record(OutcomeSchema, StepRefSchema).default({}),
});
export type TaskStep = z.infer<typeof TaskStepSchema>;

/** Step kinds; approvals, refunds, notifications, waits, branches and parallel steps join this union next. */
export const ProcessStepSchema = z.discriminatedUnion('type', [TaskStepSchema]);
export type ProcessStep = z.infer<typeof ProcessStepSchema>;

/** The body ops submit for a process; the server assigns the version. */
export const ProcessBodySchema = z
  .strictObject({
    id: IdSchema,
    name: singleLineText(120),
    steps: z.array(ProcessStepSchema).min(1).max(100),
  })
  .superRefine((p, ctx) => {
    const ids = new Set(p.steps.map((s) => s.id));
    if (ids.size !== p.steps.length) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', ['steps'], 'step ids must be unique'));
    p.steps.forEach((s, i) => {
      for (const [outcome, target] of Object.entries(s.next)) {
        if (!s.outcomes.includes(outcome)) ctx.addIssue(ruleIssue('UNKNOWN_REFERENCE', ['steps', i, 'next', outcome], 'not one of the step outcomes'));
        if (target !== RESOLVE && !ids.has(target))
          ctx.addIssue(ruleIssue('UNKNOWN_REFERENCE', ['steps', i, 'next', outcome], `unknown step "${target}"`));
      }
    });
  });
export type ProcessBody = z.infer<typeof ProcessBodySchema>;

/** A stored, immutable process version; running tickets keep the version they started with. */
export type ProcessDefinition = ProcessBody & { version: number };

/** Department ids a process refers to (checked against stored departments before saving). */
export function referencedDepartmentIds(process: ProcessBody): string[] {
  return [...new Set(process.steps.map((s) => s.departmentId))];
}
