/**
 * The step kinds a process is made of, as ops write them (YAML or JSON through the API or `npm run meridian`). Each
 * step ends with an outcome; `next` maps an outcome to the following step, and an unmapped outcome goes to the next
 * step in order (or, after the last one, resolves the ticket).
 */
import { z } from 'zod';
import { ApproverRoleSchema } from '../department';
import { IdSchema } from '../region';
import { singleLineText } from '../text';
import { BRANCH_FIELDS, RESOLVE, STEP_OUTCOMES } from './walk';

export const OutcomeSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'expected a snake_case outcome name');
const StepRefSchema = z.union([IdSchema, z.literal(RESOLVE)]);
const NextSchema = z.record(OutcomeSchema, StepRefSchema).default({});
const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code such as "EUR"');
/** Minor units (cents, yen) per currency: `{ USD: 5000, JPY: 5000 }`. */
const AmountsSchema = z.record(CurrencySchema, z.number().int().min(0).max(Number.MAX_SAFE_INTEGER));
const BusinessMinutesSchema = z.number().int().min(1).max(525_600);

/** A step's own target on the business calendar, with the warning and ladder of the ticket's SLA policy. */
const StepSlaSchema = z.strictObject({ targetMinutes: BusinessMinutesSchema });

/** A department does work and completes it with one of `outcomes`. */
export const TaskStepSchema = z.strictObject({
  id: IdSchema,
  type: z.literal('task'),
  sla: StepSlaSchema.optional(),
  title: singleLineText(160),
  departmentId: IdSchema,
  requiredSkills: z.array(singleLineText(40)).max(20).default([]),
  outcomes: z.array(OutcomeSchema).min(1).max(20).default(['done']),
  next: NextSchema,
});

/**
 * Who may answer an approval level: members of `departmentId` holding `role`, and/or the listed members. `any`: one
 * answer decides; `all`: every eligible member must approve (one rejection rejects).
 */
export const ApproverGroupSchema = z.strictObject({
  departmentId: IdSchema,
  role: ApproverRoleSchema.optional(),
  memberIds: z.array(IdSchema).max(50).optional(),
  mode: z.enum(['any', 'all']).default('any'),
});

/**
 * One level of an approval chain. It applies when the ticket's amount is at least `from` in the ticket's currency (a
 * currency the level does not list: the level applies, so an unexpected currency is never auto-approved). An
 * unanswered level escalates after `timeoutMinutes` business minutes to `escalateTo` (default: the department's
 * lead) and alerts ops.
 */
export const ApprovalLevelSchema = z.strictObject({
  name: OutcomeSchema,
  from: AmountsSchema.default({}),
  approvers: ApproverGroupSchema,
  timeoutMinutes: BusinessMinutesSchema.default(480),
  escalateTo: ApproverGroupSchema.optional(),
});

/** Levels answered in order; no level applying means auto-approved. Outcomes: approved, rejected. */
export const ApprovalStepSchema = z.strictObject({
  id: IdSchema,
  type: z.literal('approval'),
  sla: StepSlaSchema.optional(),
  title: singleLineText(160),
  levels: z.array(ApprovalLevelSchema).min(1).max(6),
  next: NextSchema,
});

/** A call to an external system with an idempotency key per call. Outcomes: succeeded, failed. */
export const IntegrationStepSchema = z.strictObject({
  id: IdSchema,
  type: z.literal('integration'),
  title: singleLineText(160),
  integration: z.enum(['payments.refund', 'platform.restrict']),
  restriction: z.enum(['purchases', 'account']).optional(),
  timeoutSeconds: z.number().int().min(1).max(300).default(30),
  retry: z.strictObject({ maximumAttempts: z.number().int().min(1).max(50).default(5) }).default({ maximumAttempts: 5 }),
  next: NextSchema,
});

/** A message to the customer from a template, in their language. Outcome: sent (queued; delivery is the outbox's). */
export const NotifyStepSchema = z.strictObject({
  id: IdSchema,
  type: z.literal('notify'),
  template: z.enum(['approval-outcome', 'refund-done']),
  next: NextSchema,
});

/** Asks the customer and waits: reminders after set business intervals, then a timeout. Outcomes: replied, timeout. */
export const WaitCustomerStepSchema = z.strictObject({
  id: IdSchema,
  type: z.literal('wait_customer'),
  sla: StepSlaSchema.optional(),
  question: singleLineText(500),
  remindAfterMinutes: z.array(BusinessMinutesSchema).max(5).default([]),
  timeoutMinutes: BusinessMinutesSchema,
  next: NextSchema,
});

/** One task of a parallel branch: real work in its department, completed with one of `outcomes`. */
export const BranchTaskSchema = z.strictObject({
  title: singleLineText(160),
  departmentId: IdSchema,
  requiredSkills: z.array(singleLineText(40)).max(20).default([]),
  outcomes: z.array(OutcomeSchema).min(1).max(20).default(['done']),
});

/**
 * Branches worked at the same time, each a sequence of tasks in its departments; the step ends (outcome `completed`)
 * when every branch has finished its last task.
 */
export const ParallelStepSchema = z.strictObject({
  id: IdSchema,
  type: z.literal('parallel'),
  sla: StepSlaSchema.optional(),
  title: singleLineText(160),
  branches: z.array(z.strictObject({ id: IdSchema, tasks: z.array(BranchTaskSchema).min(1).max(10) })).min(1, 'a parallel step needs at least one branch').max(10),
  next: NextSchema,
});

const ConditionSchema = z.union([
  z.strictObject({ field: z.enum(BRANCH_FIELDS), in: z.array(z.string().min(1).max(80)).min(1).max(50) }),
  z.strictObject({ field: z.literal('amount'), atLeast: AmountsSchema }),
  z.strictObject({ field: z.literal('outcome'), step: IdSchema, in: z.array(OutcomeSchema).min(1).max(20) }),
]);

/** Goes to the first case whose condition holds, else `otherwise` (default: the next step in order). */
export const BranchStepSchema = z.strictObject({
  id: IdSchema,
  type: z.literal('branch'),
  cases: z.array(z.strictObject({ when: ConditionSchema, next: StepRefSchema })).min(1).max(20),
  otherwise: StepRefSchema.optional(),
});

export const ProcessStepSchema = z.discriminatedUnion('type', [
  TaskStepSchema,
  ApprovalStepSchema,
  IntegrationStepSchema,
  NotifyStepSchema,
  WaitCustomerStepSchema,
  BranchStepSchema,
  ParallelStepSchema,
]);

export type TaskStep = z.infer<typeof TaskStepSchema>;
export type ApproverGroup = z.infer<typeof ApproverGroupSchema>;
export type ApprovalLevel = z.infer<typeof ApprovalLevelSchema>;
export type ApprovalStep = z.infer<typeof ApprovalStepSchema>;
export type IntegrationStep = z.infer<typeof IntegrationStepSchema>;
export type NotifyStep = z.infer<typeof NotifyStepSchema>;
export type WaitCustomerStep = z.infer<typeof WaitCustomerStepSchema>;
export type BranchStep = z.infer<typeof BranchStepSchema>;
export type BranchTask = z.infer<typeof BranchTaskSchema>;
export type ParallelStep = z.infer<typeof ParallelStepSchema>;
export type ProcessStep = z.infer<typeof ProcessStepSchema>;

/** The outcomes a step can end with (a task's are its own; a branch has none, it only routes). */
export function outcomesOf(step: ProcessStep): readonly string[] {
  return step.type === 'task' ? step.outcomes : step.type === 'branch' ? [] : STEP_OUTCOMES[step.type];
}
