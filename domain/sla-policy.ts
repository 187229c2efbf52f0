import { z } from 'zod';
import { IdSchema } from './region';
import { ruleIssue } from './rules';
import { singleLineText } from './text';

/** The ticket's clocks, and `step`: the target of the process step in progress, when the step sets one. */
export const SLA_CLOCKS = ['firstResponse', 'nextResponse', 'resolution', 'step'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

/** Business minutes; fractions allowed so demo and test regions can run on seconds. */
const BusinessMinutesSchema = z.number().positive().max(525_600);

export const EscalationActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('notify_assignee') }),
  z.strictObject({ type: z.literal('reassign_to_lead') }),
  z.strictObject({ type: z.literal('reassign_to_department'), departmentId: IdSchema.optional() }),
  z.strictObject({ type: z.literal('raise_priority') }),
  z.strictObject({ type: z.literal('notify_ops') }),
]);
export type EscalationAction = z.infer<typeof EscalationActionSchema>;

/** One rung of the ladder: fires `afterMinutes` business minutes after the breach. */
export const EscalationLevelSchema = z.strictObject({
  afterMinutes: z.number().min(0).max(525_600),
  actions: z.array(EscalationActionSchema).min(1).max(10),
});
export type EscalationLevel = z.infer<typeof EscalationLevelSchema>;

/** Targets for one priority. */
export const SlaTargetsSchema = z.strictObject({
  firstResponseMinutes: BusinessMinutesSchema,
  nextResponseMinutes: BusinessMinutesSchema,
  resolutionMinutes: BusinessMinutesSchema,
});
export type SlaTargets = z.infer<typeof SlaTargetsSchema>;

/** An SLA policy for one region: targets per priority, warning point, escalation ladder, reopen window. */
export const SlaPolicySchema = z
  .strictObject({
    id: IdSchema,
    name: singleLineText(120),
    regionId: IdSchema,
    targets: z.strictObject({
      low: SlaTargetsSchema,
      normal: SlaTargetsSchema,
      high: SlaTargetsSchema,
      urgent: SlaTargetsSchema,
    }),
    /** Warn when this share of the target has elapsed (business time). */
    warningAtPercent: z.number().int().min(1).max(99).default(80),
    escalationLadder: z.array(EscalationLevelSchema).max(10).default([]),
    /** Calendar minutes after resolution during which a customer reply reopens the ticket. */
    reopenWindowMinutes: z.number().positive().max(525_600).default(7 * 24 * 60),
  })
  .superRefine((p, ctx) => {
    p.escalationLadder.forEach((l, i) => {
      const prev = p.escalationLadder[i - 1];
      if (prev && l.afterMinutes < prev.afterMinutes)
        ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', ['escalationLadder', i, 'afterMinutes'], 'levels must be in order'));
    });
  });
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;

