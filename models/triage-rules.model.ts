import { Schema, model } from 'mongoose';
import { TriageRulesSchema, type TriageRules } from '../domain/triage-rules';
import {
  CONFIG_DOC_FIELDS,
  CONFIG_SCHEMA_OPTIONS,
  assertNoUnknownReferences,
  saveConfigDoc,
  type ConfigDoc,
  type SaveOptions,
} from './config-document';
import { existingProcessIds } from './process.model';
import { parseStored } from './stored';

/** The rules live in one document with this id. */
export const TRIAGE_RULES_ID = 'current';

const triageRulesSchema = new Schema<ConfigDoc<TriageRules>>(CONFIG_DOC_FIELDS, {
  ...CONFIG_SCHEMA_OPTIONS,
  collection: 'triage_rules',
});
// No secondary index: the single document is read by _id "current".

export const TriageRulesModel = model<ConfigDoc<TriageRules>>('TriageRules', triageRulesSchema);

/** The triage rules in force, or null before ops have defined any. */
export async function getTriageRules(): Promise<TriageRules | null> {
  const doc = await getTriageRulesDoc();
  return doc ? doc.body : null;
}

/** The stored rules with their version, or null. */
export async function getTriageRulesDoc(): Promise<ConfigDoc<TriageRules> | null> {
  const doc = await TriageRulesModel.findById(TRIAGE_RULES_ID).lean<ConfigDoc<TriageRules>>();
  return doc ? { ...doc, body: parseStored(TriageRulesSchema, doc.body, 'triage-rules', TRIAGE_RULES_ID) } : null;
}

/** Replaces the triage rules; every category's process must exist (422). */
export async function saveTriageRules(rules: TriageRules, options: SaveOptions) {
  const existing = await existingProcessIds([...new Set(rules.categories.map((c) => c.processId))]);
  assertNoUnknownReferences(
    rules.categories.flatMap((c, i) =>
      existing.has(c.processId) ? [] : [{ pointer: `/body/categories/${i}/processId`, message: `unknown process "${c.processId}"` }],
    ),
  );
  return saveConfigDoc(TriageRulesModel, 'triage-rules', TRIAGE_RULES_ID, rules, options);
}
