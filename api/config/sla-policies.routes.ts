import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { SlaPolicySchema } from '../../domain/sla-policy';
import { toConfigResource } from '../../models/config-document';
import { getSlaPolicyDoc, listSlaPolicyDocs, saveSlaPolicy } from '../../models/sla-policy.model';
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

const SlaPolicyResourceSchema = resourceSchema(SlaPolicySchema);
const common = { tags: ['sla-policies'], auth: 'apiKey', roles: CONFIG_ROLES } as const;
registerRoute({
  ...common,
  method: 'put',
  path: '/api/sla-policies/{id}',
  summary: 'Create or replace the SLA policy of a region (targets, warning point, escalation ladder)',
  params: IdParamsSchema,
  headers: IfMatchHeadersSchema,
  body: SlaPolicySchema,
  responses: {
    200: { description: 'Replaced', schema: SlaPolicyResourceSchema },
    201: { description: 'Created', schema: SlaPolicyResourceSchema },
    ...WRITE_ERRORS,
    409: { description: 'If-Match mismatch, or another policy already covers the region' },
  },
});
registerRoute({
  ...common,
  method: 'get',
  path: '/api/sla-policies',
  summary: 'List SLA policies',
  responses: { 200: { description: 'Every policy', schema: z.object({ items: z.array(SlaPolicyResourceSchema) }) }, ...AUTH_ERRORS },
});
registerRoute({
  ...common,
  method: 'get',
  path: '/api/sla-policies/{id}',
  summary: 'Read an SLA policy',
  params: IdParamsSchema,
  responses: { 200: { description: 'The policy', schema: SlaPolicyResourceSchema }, ...AUTH_ERRORS, 404: { description: 'No such policy' } },
});

/** SLA policies: one per region, with targets per priority and the escalation ladder (admin, ops). */
export function slaPoliciesRouter(config: Pick<Config, 'secret'>): Router {
  const router = Router();
  const guard = [authenticate(config), requireRole(...CONFIG_ROLES)];

  router.put('/api/sla-policies/:id', ...guard, requireJsonContentType, async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'params');
    const expectedVersion = parseIfMatch(req);
    const policy = parseInput(SlaPolicySchema, req.body, 'body');
    assertBodyIdMatches(id, policy.id);
    const { doc, created } = await saveSlaPolicy(policy, { actor: getAuth(res).keyId, expectedVersion });
    sendConfig(res, doc, created ? 201 : 200);
  });

  router.get('/api/sla-policies', ...guard, async (_req, res) => {
    res.json({ items: (await listSlaPolicyDocs()).map(toConfigResource) });
  });

  router.get('/api/sla-policies/:id', ...guard, async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'params');
    const doc = await getSlaPolicyDoc(id);
    if (!doc) throw new MeridianError('SLA_POLICY_NOT_FOUND', `SLA policy "${id}" not found`);
    sendConfig(res, doc);
  });

  return router;
}
