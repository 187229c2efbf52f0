import { z } from 'zod';
import { IdSchema } from '../region';
import type { SlaTargets } from '../sla-policy';
import { singleLineText } from '../text';
import { checkProcessGraph } from './process-checks';
import { ProcessStepSchema, type ProcessStep } from './steps';

export { RESOLVE, nextStepId } from './walk';
export * from './steps';

/** The body ops submit for a process; the server assigns the version. */
export const ProcessBodySchema = z
  .strictObject({
    id: IdSchema,
    name: singleLineText(120),
    steps: z.array(ProcessStepSchema).min(1).max(100),
    /**
     * A satisfaction survey after resolution, sent at the customer's next allowed local time; a score at or below
     * `lowScoreAtMost` opens a follow-up task in `followUpDepartmentId`.
     */
    survey: z.strictObject({ followUpDepartmentId: IdSchema, lowScoreAtMost: z.number().int().min(1).max(4).default(2) }).optional(),
    /**
     * An end-to-end target for tickets on this process, in business minutes: their resolution target is the tighter
     * of this and the SLA policy's for their priority.
     */
    sla: z.strictObject({ resolutionMinutes: z.number().int().min(1).max(525_600) }).optional(),
  })
  .superRefine((p, ctx) => checkProcessGraph(p.steps, (issue) => ctx.addIssue(issue)));
export type ProcessBody = z.infer<typeof ProcessBodySchema>;

/** A stored, immutable process version; running tickets keep the version they started with. */
export type ProcessDefinition = ProcessBody & { version: number };

/** The SLA targets of a ticket on this process: the policy's, with the resolution target capped by the process's own. */
export function processTargets(process: Pick<ProcessBody, 'sla'>, targets: SlaTargets): SlaTargets {
  const cap = process.sla?.resolutionMinutes;
  return cap === undefined || cap >= targets.resolutionMinutes ? targets : { ...targets, resolutionMinutes: cap };
}

/** Every department a process refers to, with the JSON pointer of each reference (checked before saving). */
export function departmentReferences(process: ProcessBody): Array<{ departmentId: string; pointer: string }> {
  const refs: Array<{ departmentId: string; pointer: string }> = [];
  const visit = (steps: readonly ProcessStep[], base: string) =>
    steps.forEach((s, i) => {
      const at = `${base}/${i}`;
      if (s.type === 'task') refs.push({ departmentId: s.departmentId, pointer: `${at}/departmentId` });
      if (s.type === 'parallel')
        s.branches.forEach((b, j) => b.tasks.forEach((t, k) => refs.push({ departmentId: t.departmentId, pointer: `${at}/branches/${j}/tasks/${k}/departmentId` })));
      if (s.type === 'approval')
        s.levels.forEach((l, j) => {
          refs.push({ departmentId: l.approvers.departmentId, pointer: `${at}/levels/${j}/approvers/departmentId` });
          if (l.escalateTo) refs.push({ departmentId: l.escalateTo.departmentId, pointer: `${at}/levels/${j}/escalateTo/departmentId` });
        });
    });
  visit(process.steps, '/body/steps');
  if (process.survey) refs.push({ departmentId: process.survey.followUpDepartmentId, pointer: '/body/survey/followUpDepartmentId' });
  return refs;
}

/** Department ids a process refers to. */
export function referencedDepartmentIds(process: ProcessBody): string[] {
  return [...new Set(departmentReferences(process).map((r) => r.departmentId))];
}
