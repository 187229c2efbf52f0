/**
 * The built-in processes (processes/*.yaml) on the test stack: the departments they name, with members always on
 * shift and the approver roles, and triage that routes to them. The YAML files are parsed and stored as shipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { Department } from '../../domain/department';
import { ProcessBodySchema, type ProcessBody } from '../../domain/processes/process';
import { saveDepartment } from '../../models/department.model';
import { createProcessVersion } from '../../models/process.model';
import { saveTriageRules } from '../../models/triage-rules.model';
import { ALWAYS, TRIAGE_RULES } from './test-config';

const ROOT = path.resolve(__dirname, '../..');
const shift = { timeZone: 'UTC', weeklyHours: ALWAYS };
const member = (id: string, skills: string[], roles: string[] = []) => ({ id, name: id, email: `${id}@staff.test`, skills, languages: ['en'], roles, shift });

/** One shipped process file, validated as the API would. */
export function builtinProcess(name: string): ProcessBody {
  return ProcessBodySchema.parse(YAML.parse(fs.readFileSync(path.join(ROOT, 'processes', `${name}.yaml`), 'utf8')));
}

export const BUILTIN_DEPARTMENTS: Department[] = [
  { id: 'support', name: 'Support', members: [member('sam', ['general', 'billing-basics'], ['team_lead']), member('sue', ['general', 'billing-basics'])] },
  { id: 'risk', name: 'Risk', members: [member('rita', ['identity-verification'])] },
  { id: 'finance', name: 'Finance', members: [member('fay', ['refunds'], ['finance_manager']), member('fred', ['refunds'], ['finance_director'])], leadId: 'fred' },
  { id: 'billing', name: 'Billing', members: [member('bill', ['refunds'])] },
  { id: 'trust-safety', name: 'Trust & Safety', members: [member('tess', ['account-restriction'])] },
  { id: 'quality', name: 'Quality', members: [member('quinn', ['quality'])] },
];

/** Stores the departments, the named built-in processes and a triage category per process (keyword: its id). */
export async function seedBuiltinProcesses(names: string[]): Promise<void> {
  const actor = { actor: 'test' };
  for (const d of BUILTIN_DEPARTMENTS) await saveDepartment(d, actor);
  for (const name of names) await createProcessVersion(builtinProcess(name), actor);
  const categories = names.map((id) => ({ id, name: id, processId: id, keywords: { '*': [id] }, patterns: [], minPriority: 'normal' as const }));
  await saveTriageRules({ ...TRIAGE_RULES, categories: [...categories, ...TRIAGE_RULES.categories] }, actor);
}
