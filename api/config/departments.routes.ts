import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { DepartmentSchema } from '../../domain/department';
import { MeridianError } from '../../domain/errors';
import { toConfigResource } from '../../models/config-document';
import { getDepartmentDoc, listDepartmentDocs, saveDepartment } from '../../models/department.model';
import { assertDepartmentVisible, authenticate, getAuth, requireRole } from '../middleware/auth';
import { registerRoute } from '../openapi/registry';
import { parseInput, requireJsonContentType } from '../validation';
import {
  AUTH_ERRORS,
  CONFIG_ROLES,
  IdParamsSchema,
  IfMatchHeadersSchema,
  WRITE_ERRORS,
  assertBodyIdMatches,
  parseIfMatch,
  resourceSchema,
  sendConfig,
} from './config-http';

const DepartmentResourceSchema = resourceSchema(DepartmentSchema);
const common = { tags: ['departments'], auth: 'apiKey' } as const;
registerRoute({
  ...common,
  method: 'put',
  path: '/api/departments/{id}',
  summary: 'Create or replace a department (members, shifts, lead, escalation target)',
  roles: CONFIG_ROLES,
  params: IdParamsSchema,
  headers: IfMatchHeadersSchema,
  body: DepartmentSchema,
  responses: { 200: { description: 'Replaced', schema: DepartmentResourceSchema }, 201: { description: 'Created', schema: DepartmentResourceSchema }, ...WRITE_ERRORS },
});
registerRoute({
  ...common,
  method: 'get',
  path: '/api/departments',
  summary: 'List departments (agents: only their own)',
  roles: ['admin', 'ops', 'agent'],
  responses: { 200: { description: 'Visible departments', schema: z.object({ items: z.array(DepartmentResourceSchema) }) }, ...AUTH_ERRORS },
});
registerRoute({
  ...common,
  method: 'get',
  path: '/api/departments/{id}',
  summary: 'Read a department (agents: only their own; others are 404)',
  roles: ['admin', 'ops', 'agent'],
  params: IdParamsSchema,
  responses: { 200: { description: 'The department', schema: DepartmentResourceSchema }, ...AUTH_ERRORS, 404: { description: 'No such department in your scope' } },
});

/** Departments: members, shifts and escalation targets (write: admin, ops; read: also agents, scoped). */
export function departmentsRouter(config: Pick<Config, 'secret'>): Router {
  const router = Router();
  const auth = authenticate(config);

  router.put('/api/departments/:id', auth, requireRole(...CONFIG_ROLES), requireJsonContentType, async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'params');
    const expectedVersion = parseIfMatch(req);
    const department = parseInput(DepartmentSchema, req.body, 'body');
    assertBodyIdMatches(id, department.id);
    const { doc, created } = await saveDepartment(department, { actor: getAuth(res).keyId, expectedVersion });
    sendConfig(res, doc, created ? 201 : 200);
  });

  router.get('/api/departments', auth, requireRole('admin', 'ops', 'agent'), async (_req, res) => {
    const caller = getAuth(res);
    const docs = await listDepartmentDocs(caller.role === 'agent' ? caller.departmentIds : undefined);
    res.json({ items: docs.map(toConfigResource) });
  });

  router.get('/api/departments/:id', auth, requireRole('admin', 'ops', 'agent'), async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'params');
    const notFound = `department "${id}" not found`;
    assertDepartmentVisible(getAuth(res), id, 'DEPARTMENT_NOT_FOUND', notFound);
    const doc = await getDepartmentDoc(id);
    if (!doc) throw new MeridianError('DEPARTMENT_NOT_FOUND', notFound);
    sendConfig(res, doc);
  });

  return router;
}
