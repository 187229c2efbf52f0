/**
 * A refund process with an approval chain, on top of the test configuration: support's team leads approve from
 * 20.00 USD, finance managers (all of them) from 200.00 USD, a finance director as the second approver from
 * 1,000.00 USD; below 20.00 USD refunds are auto-approved. Currencies not listed need every level.
 */
import type { Department } from '../../domain/department';
import type { ProcessBody } from '../../domain/processes/process';
import { createApiKey } from '../../api/middleware/auth';
import { saveDepartment } from '../../models/department.model';
import { createProcessVersion } from '../../models/process.model';
import { saveTriageRules } from '../../models/triage-rules.model';
import { ALWAYS, SUPPORT, TRIAGE_RULES } from './test-config';
import type { Harness } from './harness';

const shift = { timeZone: 'UTC', weeklyHours: ALWAYS };
const member = (id: string, roles: string[]) => ({ id, name: id, email: `${id}@staff.test`, skills: [], languages: ['en'], roles, shift });

export const SUPPORT_WITH_LEADS: Department = {
  ...SUPPORT,
  members: [member('alice', []), member('bruno', ['team_lead']), member('lena-lead', ['team_lead'])],
};
export const FINANCE: Department = {
  id: 'finance',
  name: 'Finance',
  members: [member('fay', ['finance_manager']), member('finn', ['finance_manager']), member('fred', ['finance_director']), member('gus', [])],
  leadId: 'gus',
};

export const REFUND_PROCESS: ProcessBody = {
  id: 'refund',
  name: 'Refund request',
  steps: [
    { id: 'review', type: 'task', title: 'Review the refund request', departmentId: 'support', requiredSkills: [], outcomes: ['refund', 'no_refund'], next: { no_refund: '$resolve' } },
    {
      id: 'refund-approval',
      type: 'approval',
      title: 'Refund approval',
      levels: [
        { name: 'team_lead', from: { USD: 2_000 }, approvers: { departmentId: 'support', role: 'team_lead', mode: 'any' }, timeoutMinutes: 240 },
        { name: 'finance_manager', from: { USD: 20_000 }, approvers: { departmentId: 'finance', role: 'finance_manager', mode: 'all' }, timeoutMinutes: 480 },
        {
          name: 'second_approver',
          from: { USD: 100_000 },
          approvers: { departmentId: 'finance', role: 'finance_director', mode: 'any' },
          timeoutMinutes: 480,
          escalateTo: { departmentId: 'finance', memberIds: ['gus'], mode: 'any' },
        },
      ],
      next: { rejected: '$resolve' },
    },
    { id: 'pay-out', type: 'task', title: 'Pay the refund out', departmentId: 'finance', requiredSkills: [], outcomes: ['paid'], next: {} },
  ],
};

/** Stores the refund configuration and routes tickets mentioning "refund" to it. */
export async function seedRefundConfiguration(process: ProcessBody = REFUND_PROCESS): Promise<void> {
  const actor = { actor: 'test' };
  await saveDepartment(SUPPORT_WITH_LEADS, actor);
  await saveDepartment(FINANCE, actor);
  await createProcessVersion(process, actor);
  await saveTriageRules(
    { ...TRIAGE_RULES, categories: [{ id: 'refund', name: 'Refund', processId: process.id, keywords: { '*': ['refund'] }, patterns: [], minPriority: 'normal' }, ...TRIAGE_RULES.categories] },
    actor,
  );
}

/** Agent keys acting as members: `keys.fay` answers as fay of finance. */
export async function memberKeys(h: Harness): Promise<Record<string, string>> {
  const departmentOf: Record<string, string> = { alice: 'support', bruno: 'support', 'lena-lead': 'support', fay: 'finance', finn: 'finance', fred: 'finance', gus: 'finance' };
  const keys: Record<string, string> = {};
  for (const [memberId, departmentId] of Object.entries(departmentOf))
    keys[memberId] = (await createApiKey({ name: memberId, role: 'agent', departmentIds: [departmentId], memberId }, h.config.secret)).key;
  return keys;
}

/** An intake body asking for a refund of `amount` minor units. */
export function refundBody(amount: number, currency = 'USD') {
  return { amount, currency, paymentId: `pi_${Math.random().toString(36).slice(2, 12)}` };
}
