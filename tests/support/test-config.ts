import type { Department } from '../../domain/department';
import type { ProcessBody } from '../../domain/processes/process';
import type { Region, WeeklyHours } from '../../domain/region';
import type { SlaPolicy, SlaTargets } from '../../domain/sla-policy';
import type { TriageRules } from '../../domain/triage-rules';
import { saveDepartment } from '../../models/department.model';
import { createProcessVersion } from '../../models/process.model';
import { saveRegion } from '../../models/region.model';
import { saveSlaPolicy } from '../../models/sla-policy.model';
import { saveTriageRules } from '../../models/triage-rules.model';

const ALL_DAY = [{ start: '00:00', end: '24:00' }];
export const ALWAYS: WeeklyHours = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY };

export const TEST_REGION: Region = {
  id: 'test-utc',
  name: 'Test (always open, UTC)',
  calendar: { timeZone: 'UTC', weeklyHours: ALWAYS, holidays: [] },
  defaultLanguage: 'en',
  retentionDays: 30,
};

const shift = { timeZone: 'UTC', weeklyHours: ALWAYS };
export const SUPPORT: Department = {
  id: 'support',
  name: 'Support',
  members: [
    { id: 'alice', name: 'Alice Agent', email: 'alice@staff.test', skills: [], languages: ['en'], roles: [], shift },
    { id: 'bruno', name: 'Bruno Agent', email: 'bruno@staff.test', skills: [], languages: ['en', 'de'], roles: [], shift },
    { id: 'lena-lead', name: 'Lena Lead', email: 'lena@staff.test', skills: [], languages: ['en'], roles: ['team_lead'], shift: { timeZone: 'UTC', weeklyHours: {} } },
  ],
  leadId: 'lena-lead',
  escalationDepartmentId: 'escalations',
  opsEmail: 'ops@staff.test',
};
export const ESCALATIONS: Department = {
  id: 'escalations',
  name: 'Escalations',
  members: [{ id: 'eve', name: 'Eve Escalation', email: 'eve@staff.test', skills: [], languages: ['en'], roles: [], shift }],
  leadId: 'eve',
};
/** Nobody on shift: tasks wait unassigned in the queue. */
export const NIGHT: Department = {
  id: 'night',
  name: 'Night desk',
  members: [{ id: 'nora', name: 'Nora Night', email: 'nora@staff.test', skills: [], languages: ['en'], roles: [], shift: { timeZone: 'UTC', weeklyHours: {} } }],
};

export const GENERAL_PROCESS: ProcessBody = {
  id: 'general',
  name: 'General',
  steps: [
    { id: 'handle', type: 'task', title: 'Answer the customer', departmentId: 'support', requiredSkills: [], outcomes: ['done', 'escalate'], next: { escalate: 'review', done: '$resolve' } },
    { id: 'review', type: 'task', title: 'Specialist review', departmentId: 'escalations', requiredSkills: [], outcomes: ['done'], next: {} },
  ],
};

export const NIGHT_PROCESS: ProcessBody = {
  id: 'night-shift',
  name: 'Night',
  steps: [{ id: 'queue', type: 'task', title: 'Handle later', departmentId: 'night', requiredSkills: [], outcomes: ['done'], next: {} }],
};

/** A check by support, then a sign-off by one of support's team leads (the authorization matrix answers it). */
export const SIGN_OFF_PROCESS: ProcessBody = {
  id: 'sign-off',
  name: 'Sign-off',
  steps: [
    { id: 'check', type: 'task', title: 'Check the request', departmentId: 'support', requiredSkills: [], outcomes: ['done'], next: {} },
    { id: 'sign-off', type: 'approval', title: 'Lead sign-off', levels: [{ name: 'lead', from: {}, approvers: { departmentId: 'support', role: 'team_lead', mode: 'any' }, timeoutMinutes: 480 }], next: {} },
  ],
};

export const TRIAGE_RULES: TriageRules = {
  categories: [
    { id: 'general', name: 'General', processId: 'general', keywords: {}, patterns: [], minPriority: 'normal' },
    { id: 'night', name: 'Night', processId: 'night-shift', keywords: { '*': ['nightowl'] }, patterns: [], minPriority: 'normal' },
    { id: 'sign-off', name: 'Sign-off', processId: 'sign-off', keywords: { '*': ['signoffme'] }, patterns: [], minPriority: 'normal' },
  ],
  defaultCategoryId: 'general',
  urgentWords: { en: ['urgent'] },
  tierMinPriority: { vip: 'high' },
};

/** SLA targets in minutes: fractions only for real-time tests (durability); timer tests skip time on a time-skipping harness. */
export interface TestSla {
  targets?: Partial<SlaTargets>;
  ladder?: SlaPolicy['escalationLadder'];
  warningAtPercent?: number;
  reopenWindowMinutes?: number;
}

/** Writes the test configuration through the same repository functions the ops API uses. */
export async function seedTestConfiguration(sla: TestSla = {}): Promise<void> {
  const actor = { actor: 'test' };
  await saveRegion(TEST_REGION, actor);
  for (const d of [ESCALATIONS, SUPPORT, NIGHT]) await saveDepartment(d, actor);
  await createProcessVersion(GENERAL_PROCESS, actor);
  await createProcessVersion(NIGHT_PROCESS, actor);
  await createProcessVersion(SIGN_OFF_PROCESS, actor);
  await saveTriageRules(TRIAGE_RULES, actor);
  const targets: SlaTargets = { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 600, ...sla.targets };
  await saveSlaPolicy(
    {
      id: 'test-policy',
      name: 'Test policy',
      regionId: TEST_REGION.id,
      targets: { low: targets, normal: targets, high: targets, urgent: targets },
      warningAtPercent: sla.warningAtPercent ?? 80,
      escalationLadder: sla.ladder ?? [],
      reopenWindowMinutes: sla.reopenWindowMinutes ?? 60,
    },
    actor,
  );
}
