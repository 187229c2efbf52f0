import { TriageRulesSchema, type TriageRules } from '../domain/triage-rules';
import { assertNoUnknownReferences, defineConfigCollection, type ConfigDoc, type SaveOptions } from './config-document';
import { existingProcessIds } from './process.model';

/** The rules live in one document with this id. */
export const TRIAGE_RULES_ID = 'current';

// No secondary index: the single document is read by _id "current".
const triageRules = defineConfigCollection({
  modelName: 'TriageRules',
  collection: 'triage_rules',
  kind: 'triage-rules',
  schema: TriageRulesSchema,
});

export const TriageRulesModel = triageRules.Model;

/** The triage rules in force, or null before ops have defined any. */
export async function getTriageRules(): Promise<TriageRules | null> {
  return triageRules.get(TRIAGE_RULES_ID);
}

/** The stored rules with their version, or null. */
export async function getTriageRulesDoc(): Promise<ConfigDoc<TriageRules> | null> {
  return triageRules.getDoc(TRIAGE_RULES_ID);
}

/** Replaces the triage rules; every category's process must exist (422). */
export async function saveTriageRules(rules: TriageRules, options: SaveOptions) {
  const existing = await existingProcessIds([...new Set(rules.categories.map((c) => c.processId))]);
  assertNoUnknownReferences(
    rules.categories.flatMap((c, i) =>
      existing.has(c.processId) ? [] : [{ pointer: `/body/categories/${i}/processId`, message: `unknown process "${c.processId}"` }],
    ),
  );
  return triageRules.save(TRIAGE_RULES_ID, rules, options);
}
