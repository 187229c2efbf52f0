import { Router, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { ProcessBodySchema } from '../../domain/processes/process';
import {
  createProcessVersion,
  getLatestProcessDoc,
  getProcessVersionDoc,
  listLatestProcessDocs,
  toProcessDefinition,
  type ProcessVersionDoc,
} from '../../models/process.model';
import { authenticate, getAuth, requireRole } from '../middleware/auth';
import { registerRoute, type RouteLink } from '../openapi/registry';
import { parseInput, requireJsonContentType } from '../validation';
import { AUTH_ERRORS, CONFIG_ROLES, IdParamsSchema, POST_ERRORS, writeRules } from './config-http';

const VersionParamsSchema = IdParamsSchema.extend({
  version: z.string().regex(/^[1-9]\d{0,8}$/, 'expected a version number such as 3').transform(Number),
});
const ProcessResourceSchema = z.object({
  ...ProcessBodySchema.shape,
  version: z.number().int().min(1),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string(),
});
const common = { tags: ['processes'], auth: 'apiKey', roles: CONFIG_ROLES } as const;
const notFound = { 404: { description: 'No such process or version' } };
const PROCESS_LINKS: Record<string, RouteLink> = {
  process: { operation: 'GET /api/processes/{id}', parameters: { id: '$response.body#/id' } },
  version: { operation: 'GET /api/processes/{id}/versions/{version}', parameters: { id: '$response.body#/id', version: '$response.body#/version' } },
};
registerRoute({
  ...common,
  method: 'post',
  path: '/api/processes',
  summary: 'Store a process as its next version (a body equal to the newest version stores nothing: 200)',
  body: ProcessBodySchema,
  responses: {
    201: { description: 'New version', schema: ProcessResourceSchema, links: PROCESS_LINKS },
    200: { description: 'Unchanged', schema: ProcessResourceSchema, links: PROCESS_LINKS },
    ...POST_ERRORS,
    ...writeRules(
      'step ids are unique; each `next` maps one of its step’s outcomes to another step’s id or "$resolve"; the departments exist (UNKNOWN_REFERENCE).',
    ),
  },
});
registerRoute({
  ...common,
  method: 'get',
  path: '/api/processes',
  summary: 'List processes (newest version of each)',
  responses: { 200: { description: 'Every process', schema: z.object({ items: z.array(ProcessResourceSchema) }) }, ...AUTH_ERRORS },
});
registerRoute({
  ...common,
  method: 'get',
  path: '/api/processes/{id}',
  summary: 'Read the newest version of a process',
  params: IdParamsSchema,
  responses: { 200: { description: 'Newest version', schema: ProcessResourceSchema }, ...AUTH_ERRORS, ...notFound },
});
registerRoute({
  ...common,
  method: 'get',
  path: '/api/processes/{id}/versions/{version}',
  summary: 'Read one version of a process (running tickets keep theirs)',
  params: VersionParamsSchema,
  responses: { 200: { description: 'That version', schema: ProcessResourceSchema }, ...AUTH_ERRORS, ...notFound },
});

function toResource(doc: ProcessVersionDoc) {
  return { ...toProcessDefinition(doc), createdAt: doc.createdAt.toISOString(), createdBy: doc.createdBy };
}

function sendProcess(res: Response, id: string, doc: ProcessVersionDoc | null, status = 200): void {
  if (!doc) throw new MeridianError('PROCESS_NOT_FOUND', `process "${id}" not found`);
  res.status(status).setHeader('ETag', `"${doc.version}"`);
  res.json(toResource(doc));
}

/** Processes: versioned, immutable step definitions tickets run on (admin, ops). */
export function processesRouter(config: Pick<Config, 'secret' | 'previousSecret'>): Router {
  const router = Router();
  const guard = [authenticate(config), requireRole(...CONFIG_ROLES)];

  router.post('/api/processes', ...guard, requireJsonContentType, async (req, res) => {
    const body = parseInput(ProcessBodySchema, req.body, 'body');
    const { doc, created } = await createProcessVersion(body, { actor: getAuth(res).keyId });
    res.setHeader('Location', `/api/processes/${doc.processId}/versions/${doc.version}`);
    sendProcess(res, doc.processId, doc, created ? 201 : 200);
  });

  router.get('/api/processes', ...guard, async (_req, res) => {
    res.json({ items: (await listLatestProcessDocs()).map(toResource) });
  });

  router.get('/api/processes/:id', ...guard, async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'params');
    sendProcess(res, id, await getLatestProcessDoc(id));
  });

  router.get('/api/processes/:id/versions/:version', ...guard, async (req, res) => {
    const { id, version } = parseInput(VersionParamsSchema, req.params, 'params');
    sendProcess(res, `${id}@${version}`, await getProcessVersionDoc(id, version));
  });

  return router;
}
