import { z } from 'zod';
import { IdSchema, TimeZoneSchema, WeeklyHoursSchema } from './region';
import { ruleIssue } from './rules';
import { singleLineText } from './text';

/** A role a member holds for approvals ("team_lead", "finance_manager"): approval levels name the role they need. */
export const ApproverRoleSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'expected a snake_case role name such as "finance_manager"');

export const LanguageSchema = z.string().regex(/^[a-z]{2,3}$/, 'expected an ISO 639 language code such as "en"');

/** A department member: who they are, what they can handle, and when they work in their own zone. */
export const MemberSchema = z.strictObject({
  id: IdSchema,
  name: singleLineText(120),
  email: z.email().max(254),
  skills: z.array(singleLineText(40)).max(50).default([]),
  languages: z.array(LanguageSchema).max(20).default([]),
  roles: z.array(ApproverRoleSchema).max(20).default([]),
  shift: z.strictObject({ timeZone: TimeZoneSchema, weeklyHours: WeeklyHoursSchema }),
});
export type Member = z.infer<typeof MemberSchema>;

/** A department: its members, the lead tickets escalate to, and where escalations go next. */
export const DepartmentSchema = z
  .strictObject({
    id: IdSchema,
    name: singleLineText(120),
    members: z.array(MemberSchema).max(500).default([]),
    leadId: IdSchema.optional(),
    escalationDepartmentId: IdSchema.optional(),
    /** Address notified at the "notify ops" ladder level. */
    opsEmail: z.email().max(254).optional(),
  })
  .superRefine((d, ctx) => {
    const ids = new Set<string>();
    d.members.forEach((m, i) => {
      if (ids.has(m.id)) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', ['members', i, 'id'], 'duplicate member id'));
      ids.add(m.id);
    });
    if (d.leadId && !ids.has(d.leadId)) ctx.addIssue(ruleIssue('UNKNOWN_REFERENCE', ['leadId'], 'lead must be a member'));
    if (d.escalationDepartmentId === d.id) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', ['escalationDepartmentId'], 'cannot escalate to itself'));
  });
export type Department = z.infer<typeof DepartmentSchema>;
