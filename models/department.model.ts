import { DepartmentSchema, type Department } from '../domain/department';
import { assertNoUnknownReferences, defineConfigCollection, type ConfigDoc, type SaveOptions } from './config-document';

// No secondary index: departments are read by _id, by _id $in (an agent's scope) or listed whole.
const departments = defineConfigCollection({
  modelName: 'Department',
  collection: 'departments',
  kind: 'department',
  schema: DepartmentSchema,
});

export const DepartmentModel = departments.Model;

/** A department with its members and shifts, or null when it is not configured. */
export const getDepartment = departments.get;

/** The stored department with its version, or null. */
export const getDepartmentDoc = departments.getDoc;

/** Every department, ordered by id. */
export async function listDepartments(): Promise<Department[]> {
  return (await listDepartmentDocs()).map((d) => d.body);
}

/** Stored departments ordered by id; `onlyIds` restricts the list to one scope (an agent's departments). */
export async function listDepartmentDocs(onlyIds?: string[]): Promise<Array<ConfigDoc<Department>>> {
  return departments.listDocs(onlyIds ? { _id: { $in: onlyIds } } : {});
}

/** Which of `ids` are configured departments. */
export const existingDepartmentIds = departments.existingIds;

/** Creates or replaces a department; its escalation department must already exist (422 otherwise). */
export async function saveDepartment(department: Department, options: SaveOptions) {
  const target = department.escalationDepartmentId;
  if (target && !(await existingDepartmentIds([target])).has(target)) {
    assertNoUnknownReferences([{ pointer: '/body/escalationDepartmentId', message: `unknown department "${target}"` }]);
  }
  return departments.save(department.id, department, options);
}
