import { Schema, model } from 'mongoose';
import { MeridianError } from '../domain/errors';
import { departmentReferences, ProcessBodySchema, referencedDepartmentIds, type ProcessBody, type ProcessDefinition } from '../domain/processes/process';
import { assertNoUnknownReferences, canonicalJson } from './config-document';
import { isDuplicateKeyError } from './mongo-errors';
import { recordConfigRevision } from './config-revision.model';
import { existingDepartmentIds } from './department.model';
import { parseStored } from './stored';

/** One immutable process version; running tickets keep the version they started with. */
export interface ProcessVersionDoc {
  /** `<processId>@<version>`: two writers can never store the same version twice. */
  _id: string;
  processId: string;
  version: number;
  definition: ProcessBody;
  createdAt: Date;
  createdBy: string;
}

const processSchema = new Schema<ProcessVersionDoc>(
  {
    _id: { type: String, required: true },
    processId: { type: String, required: true },
    version: { type: Number, required: true, min: 1 },
    definition: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
  },
  { versionKey: false, minimize: false, collection: 'processes' },
);
// Latest version: find({ processId }).sort({ version: -1 }).limit(1); unique: one document per version.
processSchema.index({ processId: 1, version: -1 }, { unique: true });

export const ProcessModel = model<ProcessVersionDoc>('Process', processSchema);

/** A stored version as the validated definition tickets run on. */
export function toProcessDefinition(doc: ProcessVersionDoc): ProcessDefinition {
  return { ...parseStored(ProcessBodySchema, doc.definition, 'process', doc._id), version: doc.version };
}

/** The newest stored version of a process, or null. */
export async function getLatestProcessDoc(processId: string): Promise<ProcessVersionDoc | null> {
  return ProcessModel.findOne({ processId }).sort({ version: -1 }).lean<ProcessVersionDoc>();
}

/** One stored version of a process, or null. */
export async function getProcessVersionDoc(processId: string, version: number): Promise<ProcessVersionDoc | null> {
  return ProcessModel.findById(`${processId}@${version}`).lean<ProcessVersionDoc>();
}

/** The process new tickets start on (its newest version), or null when it is not defined. */
export async function getLatestProcess(processId: string): Promise<ProcessDefinition | null> {
  const doc = await getLatestProcessDoc(processId);
  return doc ? toProcessDefinition(doc) : null;
}

/** The exact version a running ticket started on, or null. */
export async function getProcessVersion(processId: string, version: number): Promise<ProcessDefinition | null> {
  const doc = await getProcessVersionDoc(processId, version);
  return doc ? toProcessDefinition(doc) : null;
}

/** The newest version of every process, ordered by process id (two indexed reads, no aggregation). */
export async function listLatestProcessDocs(): Promise<ProcessVersionDoc[]> {
  const heads = await ProcessModel.find({}, { processId: 1, version: 1 }).lean<Array<Pick<ProcessVersionDoc, '_id' | 'processId' | 'version'>>>();
  const newest = new Map<string, number>();
  for (const h of heads) newest.set(h.processId, Math.max(newest.get(h.processId) ?? 0, h.version));
  const ids = [...newest].map(([processId, version]) => `${processId}@${version}`);
  return ProcessModel.find({ _id: { $in: ids } }).sort({ processId: 1 }).lean<ProcessVersionDoc[]>();
}

/** Which of `ids` are defined processes. */
export async function existingProcessIds(ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found: string[] = await ProcessModel.distinct('processId', { processId: { $in: ids } });
  return new Set(found);
}

/**
 * Stores a process as version n+1 (departments must exist, 422). A body equal to the newest version
 * stores nothing and returns that version. Concurrent writers race on the unique `_id` and retry.
 */
export async function createProcessVersion(
  body: ProcessBody,
  options: { actor: string },
): Promise<{ doc: ProcessVersionDoc; created: boolean }> {
  const departments = referencedDepartmentIds(body);
  const existing = await existingDepartmentIds(departments);
  assertNoUnknownReferences(
    departmentReferences(body).flatMap((r) => (existing.has(r.departmentId) ? [] : [{ pointer: r.pointer, message: `unknown department "${r.departmentId}"` }])),
  );
  const definition = JSON.parse(JSON.stringify(body)) as ProcessBody;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const latest = await getLatestProcessDoc(body.id);
    if (latest && canonicalJson(latest.definition) === canonicalJson(definition)) return { doc: latest, created: false };
    const version = (latest?.version ?? 0) + 1;
    const doc: ProcessVersionDoc = {
      _id: `${body.id}@${version}`,
      processId: body.id,
      version,
      definition,
      createdAt: new Date(),
      createdBy: options.actor,
    };
    try {
      await ProcessModel.create(doc);
    } catch (err) {
      if (isDuplicateKeyError(err)) continue; // another writer took this version: read again
      throw err;
    }
    await recordConfigRevision({ kind: 'process', configId: body.id, version, body: definition, actor: options.actor });
    return { doc, created: true };
  }
  throw new MeridianError('CONFLICT', `process "${body.id}" is being changed by others, retry`);
}
