import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { RegionSchema } from '../../domain/region';
import { toConfigResource } from '../../models/config-document';
import { getRegionDoc, listRegionDocs, saveRegion } from '../../models/region.model';
import { authenticate, getAuth, requireRole } from '../middleware/auth';
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

const RegionResourceSchema = resourceSchema(RegionSchema);
const common = { tags: ['regions'], auth: 'apiKey', roles: CONFIG_ROLES } as const;
registerRoute({
  ...common,
  method: 'put',
  path: '/api/regions/{id}',
  summary: 'Create or replace a region (calendar, holidays, quiet hours)',
  params: IdParamsSchema,
  headers: IfMatchHeadersSchema,
  body: RegionSchema,
  responses: { 200: { description: 'Replaced', schema: RegionResourceSchema }, 201: { description: 'Created', schema: RegionResourceSchema }, ...WRITE_ERRORS },
});
registerRoute({
  ...common,
  method: 'get',
  path: '/api/regions',
  summary: 'List regions',
  responses: { 200: { description: 'Every region', schema: z.object({ items: z.array(RegionResourceSchema) }) }, ...AUTH_ERRORS },
});
registerRoute({
  ...common,
  method: 'get',
  path: '/api/regions/{id}',
  summary: 'Read a region',
  params: IdParamsSchema,
  responses: { 200: { description: 'The region', schema: RegionResourceSchema }, ...AUTH_ERRORS, 404: { description: 'No such region' } },
});

/** Regions: where customers live and the business calendar their SLAs count on (admin, ops). */
export function regionsRouter(config: Pick<Config, 'secret'>): Router {
  const router = Router();
  const guard = [authenticate(config), requireRole(...CONFIG_ROLES)];

  router.put('/api/regions/:id', ...guard, requireJsonContentType, async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'params');
    const expectedVersion = parseIfMatch(req);
    const region = parseInput(RegionSchema, req.body, 'body');
    assertBodyIdMatches(id, region.id);
    const { doc, created } = await saveRegion(region, { actor: getAuth(res).keyId, expectedVersion });
    sendConfig(res, doc, created ? 201 : 200);
  });

  router.get('/api/regions', ...guard, async (_req, res) => {
    res.json({ items: (await listRegionDocs()).map(toConfigResource) });
  });

  router.get('/api/regions/:id', ...guard, async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'params');
    const doc = await getRegionDoc(id);
    if (!doc) throw new MeridianError('REGION_NOT_FOUND', `region "${id}" not found`);
    sendConfig(res, doc);
  });

  return router;
}
