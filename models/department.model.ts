import { Schema, model } from 'mongoose';
import { DepartmentSchema, type Department } from '../domain/department';
import {
  CONFIG_DOC_FIELDS,
  CONFIG_SCHEMA_OPTIONS,
  assertNoUnknownReferences,
  saveConfigDoc,
  type ConfigDoc,
  type SaveOptions,
} from './config-document';
import { parseStored } from './stored';

const departmentSchema = new Schema<ConfigDoc<Department>>(CONFIG_DOC_FIELDS, {
  ...CONFIG_SCHEMA_OPTIONS,
  collection: 'departments',
});
// No secondary index: departments are read by _id, by _id $in (an agent's scope) or listed whole.

export const DepartmentModel = model<ConfigDoc<Department>>('Department', departmentSchema);

function toDepartmentDoc(doc: ConfigDoc<Department>): ConfigDoc<Department> {
  return { ...doc, body: parseStored(DepartmentSchema, doc.body, 'department', doc._id) };
}

/** A department with its members and shifts, or null when it is not configured. */
export async function getDepartment(id: string): Promise<Department | null> {
  const doc = await getDepartmentDoc(id);
  return doc ? doc.body : null;
}

/** The stored department with its version, or null. */
export async function getDepartmentDoc(id: string): Promise<ConfigDoc<Department> | null> {
  const doc = await DepartmentModel.findById(id).lean<ConfigDoc<Department>>();
  return doc ? toDepartmentDoc(doc) : null;
}

/** Every department, ordered by id. */
export async function listDepartments(): Promise<Department[]> {
  return (await listDepartmentDocs()).map((d) => d.body);
}

/** Stored departments ordered by id; `onlyIds` restricts the list to one scope (an agent's departments). */
export async function listDepartmentDocs(onlyIds?: string[]): Promise<Array<ConfigDoc<Department>>> {
  const filter = onlyIds ? { _id: { $in: onlyIds } } : {};
  const docs = await DepartmentModel.find(filter).sort({ _id: 1 }).lean<Array<ConfigDoc<Department>>>();
  return docs.map(toDepartmentDoc);
}

/** Which of `ids` are configured departments. */
export async function existingDepartmentIds(ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await DepartmentModel.find({ _id: { $in: ids } }, { _id: 1 }).lean<Array<{ _id: string }>>();
  return new Set(found.map((d) => d._id));
}

/** Creates or replaces a department; its escalation department must already exist (422 otherwise). */
export async function saveDepartment(department: Department, options: SaveOptions) {
  const target = department.escalationDepartmentId;
  if (target && !(await existingDepartmentIds([target])).has(target)) {
    assertNoUnknownReferences([{ pointer: '/body/escalationDepartmentId', message: `unknown department "${target}"` }]);
  }
  return saveConfigDoc(DepartmentModel, 'department', department.id, department, options);
}
