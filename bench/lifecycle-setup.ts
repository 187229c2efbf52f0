/**
 * What the mixed lifecycle run needs, written through the ops API as an operator would: support with team leads, a
 * refund process (review task → team-lead approval → resolved, then a survey), the refund category, and agent keys.
 */
import { z } from 'zod';
import { createApiKey } from '../api/middleware/auth';
import type { ProcessBody } from '../domain/processes/process';
import { SUPPORT_WITH_LEADS } from '../tests/support/approval-config';
import { TRIAGE_RULES } from '../tests/support/test-config';
import { expectStatus, httpRequest } from './http-client';

/** Approval levels wait this long (business minutes, always-open calendar): no escalation timer fires in a run. */
const LONG_APPROVAL_MINUTES = 30 * 24 * 60;

/** Review by support, then one team lead approves refunds from 20.00 USD; approved is the last step: resolved. */
export const LIFECYCLE_PROCESS: ProcessBody = {
  id: 'bench-refund',
  name: 'Bench refund',
  survey: { followUpDepartmentId: 'escalations', lowScoreAtMost: 2 },
  steps: [
    { id: 'review', type: 'task', title: 'Review the refund request', departmentId: 'support', requiredSkills: [], outcomes: ['refund', 'no_refund'], next: { no_refund: '$resolve' } },
    {
      id: 'refund-approval',
      type: 'approval',
      title: 'Refund approval',
      levels: [{ name: 'team_lead', from: { USD: 2_000 }, approvers: { departmentId: 'support', role: 'team_lead', mode: 'any' }, timeoutMinutes: LONG_APPROVAL_MINUTES }],
      next: { rejected: '$resolve' },
    },
  ],
};

/** Agent keys: `agent` (alice) claims, replies and completes; `approver` (bruno, a team lead) approves. */
export interface LifecycleKeys {
  agent: string;
  approver: string;
}

const CreatedKeySchema = z.object({ key: z.string() });

/** Stores the lifecycle configuration through the API at `baseUrl` and returns the members' keys. */
export async function configureLifecycle(baseUrl: string, secret: string): Promise<LifecycleKeys> {
  // The one key not made through the API: on an installation it is the bootstrap admin key.
  const admin = (await createApiKey({ name: 'bench-admin', role: 'admin' }, secret)).key;
  const send = async (method: string, path: string, body: unknown, status: number) => {
    const res = await httpRequest(baseUrl, method, path, body, { authorization: `Bearer ${admin}` });
    expectStatus(res.status, status, res.body, `${method} ${path}`);
    return res.body;
  };
  await send('PUT', '/api/departments/support', SUPPORT_WITH_LEADS, 200);
  await send('POST', '/api/processes', LIFECYCLE_PROCESS, 201);
  const refund = { id: 'bench-refund', name: 'Refund', processId: LIFECYCLE_PROCESS.id, keywords: { '*': ['refund'] }, patterns: [], minPriority: 'normal' };
  await send('PUT', '/api/triage-rules', { ...TRIAGE_RULES, categories: [refund, ...TRIAGE_RULES.categories] }, 200);
  const agentKey = async (memberId: string) =>
    CreatedKeySchema.parse(JSON.parse(await send('POST', '/api/api-keys', { name: `bench-${memberId}`, role: 'agent', departmentIds: ['support'], memberId }, 201))).key;
  return { agent: await agentKey('alice'), approver: await agentKey('bruno') };
}
