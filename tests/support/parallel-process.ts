/** A process with a parallel step (two branches in two departments, one of two tasks), opened by "twoteams" in a subject. */
import type { ProcessBody } from '../../domain/processes/process';
import { createProcessVersion } from '../../models/process.model';
import { saveTriageRules } from '../../models/triage-rules.model';
import { TRIAGE_RULES } from './test-config';

export const TWO_TEAMS: ProcessBody = {
  id: 'two-teams',
  name: 'Two teams at once',
  steps: [
    {
      id: 'checks',
      type: 'parallel',
      title: 'Checks by both teams',
      sla: { targetMinutes: 30 },
      branches: [
        {
          id: 'identity',
          tasks: [
            { title: 'Verify the identity', departmentId: 'support', requiredSkills: [], outcomes: ['done'] },
            { title: 'Confirm the refund', departmentId: 'support', requiredSkills: [], outcomes: ['done'] },
          ],
        },
        { id: 'account', tasks: [{ title: 'Restrict the account', departmentId: 'escalations', requiredSkills: [], outcomes: ['restricted', 'not_needed'] }] },
      ],
      next: { completed: 'wrap-up' },
    },
    { id: 'wrap-up', type: 'task', title: 'Tell the customer', departmentId: 'support', requiredSkills: [], outcomes: ['done'], next: {} },
  ],
};

/** Stores the process and a triage category that sends "twoteams" tickets to it. */
export async function seedTwoTeamsProcess(): Promise<void> {
  await createProcessVersion(TWO_TEAMS, { actor: 'test' });
  const category = { id: 'two-teams', name: 'Two teams', processId: 'two-teams', keywords: { '*': ['twoteams'] }, patterns: [], minPriority: 'normal' as const };
  await saveTriageRules({ ...TRIAGE_RULES, categories: [category, ...TRIAGE_RULES.categories] }, { actor: 'test' });
}
