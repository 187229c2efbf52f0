import { MeridianError } from '../domain/errors';
import { triagePatternProblems } from '../domain/triage-patterns';
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

/**
 * Replaces the triage rules. Every pattern must compile on the linear-time engine, within the budget, and every
 * category's process must exist; otherwise 422 with a pointer per problem, and the stored rules stay as they were.
 */
export async function saveTriageRules(rules: TriageRules, options: SaveOptions) {
  const patternProblems = triagePatternProblems(rules.categories);
  if (patternProblems.length > 0) {
    throw new MeridianError('UNSUPPORTED_PATTERN', 'the rules contain patterns the linear-time engine cannot run', { errors: patternProblems });
  }
  const existing = await existingProcessIds([...new Set(rules.categories.map((c) => c.processId))]);
  assertNoUnknownReferences(
    rules.categories.flatMap((c, i) =>
      existing.has(c.processId) ? [] : [{ pointer: `/body/categories/${i}/processId`, message: `unknown process "${c.processId}"` }],
    ),
  );
  return triageRules.save(TRIAGE_RULES_ID, rules, options);
}
