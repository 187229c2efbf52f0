import type { Router } from 'express';
import type { Config } from '../../config/config';
import { DepartmentSchema } from '../../domain/department';
import { getDepartmentDoc, listDepartmentDocs, saveDepartment } from '../../models/department.model';
import { canSeeDepartment } from '../middleware/auth';
import { writeRules } from './config-http';
import { versionedResourceRoutes } from './versioned-resource';

/** Departments: members, shifts and escalation targets (write: admin, ops; read: also agents, scoped). */
export function departmentsRouter(config: Pick<Config, 'secret' | 'previousSecret'>): Router {
  return versionedResourceRoutes(config, {
    path: '/api/departments',
    tag: 'departments',
    name: 'department',
    notFoundCode: 'DEPARTMENT_NOT_FOUND',
    schema: DepartmentSchema,
    summaries: {
      put: 'Create or replace a department (members, shifts, lead, escalation target)',
      list: 'List departments (agents: only their own)',
      get: 'Read a department (agents: only their own; others are 404)',
    },
    descriptions: { list: 'Visible departments', get: 'The department', notFound: 'No such department in your scope' },
    writeErrors: writeRules(
      'the body id is the id in the path; member ids are unique; the lead is one of the members; a department does not escalate to ' +
        'itself; the escalation department and the members’ time zones exist (UNKNOWN_REFERENCE).',
    ),
    readRoles: ['admin', 'ops', 'agent'],
    // An agent sees only its own departments; others are 404, never 403, so their existence is not leaked.
    canRead: canSeeDepartment,
    list: (auth) => listDepartmentDocs(auth.role === 'agent' ? auth.departmentIds : undefined),
    get: getDepartmentDoc,
    save: saveDepartment,
  });
}
