import { MeridianError } from '../domain/errors';
import { SlaPolicySchema, type SlaPolicy } from '../domain/sla-policy';
import { assertNoUnknownReferences, defineConfigCollection, type ConfigDoc, type SaveOptions } from './config-document';
import { existingDepartmentIds } from './department.model';
import { isDuplicateKeyError } from './mongo-errors';
import { existingRegionIds } from './region.model';

/** A stored policy keeps its region at the top level so it can be found and kept unique by region. */
export type SlaPolicyDoc = ConfigDoc<SlaPolicy> & { regionId: string };

const policies = defineConfigCollection<SlaPolicy, SlaPolicyDoc>({
  modelName: 'SlaPolicy',
  collection: 'sla_policies',
  kind: 'sla-policy',
  schema: SlaPolicySchema,
  extraFields: { regionId: { type: String, required: true } },
  // getSlaPolicyForRegion: findOne({ regionId }); unique: one policy per region.
  indexes: [[{ regionId: 1 }, { unique: true }]],
});

export const SlaPolicyModel = policies.Model;

/** The SLA policy that applies to a region's tickets, or null when the region has none. */
export async function getSlaPolicyForRegion(regionId: string): Promise<SlaPolicy | null> {
  return (await policies.findDoc({ regionId }))?.body ?? null;
}

/** The stored policy with its version, or null. */
export const getSlaPolicyDoc = policies.getDoc;

/** Every SLA policy, ordered by id. */
export async function listSlaPolicyDocs(): Promise<SlaPolicyDoc[]> {
  return policies.listDocs();
}

/** References a policy makes that do not exist: its region and reassign-to-department targets. */
async function unknownReferences(policy: SlaPolicy): Promise<Array<{ pointer: string; message: string }>> {
  const problems: Array<{ pointer: string; message: string }> = [];
  if (!(await existingRegionIds([policy.regionId])).has(policy.regionId)) {
    problems.push({ pointer: '/body/regionId', message: `unknown region "${policy.regionId}"` });
  }
  const targets = policy.escalationLadder.flatMap((level, i) =>
    level.actions.flatMap((a, j) => (a.type === 'reassign_to_department' && a.departmentId ? [{ i, j, id: a.departmentId }] : [])),
  );
  const existing = await existingDepartmentIds([...new Set(targets.map((t) => t.id))]);
  for (const t of targets.filter((t) => !existing.has(t.id))) {
    problems.push({ pointer: `/body/escalationLadder/${t.i}/actions/${t.j}/departmentId`, message: `unknown department "${t.id}"` });
  }
  return problems;
}

/** Creates or replaces a policy; its region and departments must exist (422), one policy per region (409). */
export async function saveSlaPolicy(policy: SlaPolicy, options: SaveOptions) {
  assertNoUnknownReferences(await unknownReferences(policy));
  const taken = await SlaPolicyModel.exists({ regionId: policy.regionId, _id: { $ne: policy.id } });
  if (taken) throw regionTaken(policy.regionId);
  try {
    return await policies.save(policy.id, policy, options, { regionId: policy.regionId });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw regionTaken(policy.regionId);
    throw err;
  }
}

function regionTaken(regionId: string): MeridianError {
  return new MeridianError('CONFLICT', `region "${regionId}" already has an SLA policy`, {
    errors: [{ pointer: '/body/regionId', message: 'another policy covers this region' }],
  });
}
