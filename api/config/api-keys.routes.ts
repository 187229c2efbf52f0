import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { IdSchema } from '../../domain/region';
import { countOtherActiveAdminKeys, getApiKey, listApiKeys, revokeApiKey, ROLES } from '../../models/api-key.model';
import { assertNoUnknownReferences } from '../../models/config-document';
import { listDepartmentDocs } from '../../models/department.model';
import { authenticate, createApiKey, requireRole } from '../middleware/auth';
import { registerRoute } from '../openapi/registry';
import { parseInput, requireJsonContentType } from '../validation';
import { AUTH_ERRORS, IdParamsSchema, POST_ERRORS } from './config-http';
import { singleLineText } from '../../domain/text';

/**
 * A new key: agents name their departments (and optionally the member they act as); admin and ops keys see every
 * department and act as nobody. One object, so a body wrong everywhere gets a pointer per field; the rules between
 * role and scope are its refinement, and the same rules as JSON Schema (`anyOf`) for the OpenAPI document.
 */
export const CreateApiKeyBodySchema = z
  .strictObject({
    name: singleLineText(120),
    role: z.enum(ROLES),
    departmentIds: z.array(IdSchema).max(50).default([]),
    memberId: IdSchema.optional(),
  })
  .superRefine((k, ctx) => {
    if (k.role === 'agent' && k.departmentIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['departmentIds'], message: 'an agent key needs at least one department' });
    if (k.role !== 'agent' && k.departmentIds.length > 0)
      ctx.addIssue({ code: 'custom', path: ['departmentIds'], message: 'only agent keys are scoped to departments' });
    if (k.role !== 'agent' && k.memberId)
      ctx.addIssue({ code: 'custom', path: ['memberId'], message: 'only agent keys act as a member' });
  })
  .meta({
    anyOf: [
      { properties: { role: { const: 'agent' }, departmentIds: { minItems: 1 } }, required: ['departmentIds'] },
      { properties: { role: { enum: ['admin', 'ops'] }, departmentIds: { maxItems: 0 }, memberId: false } },
    ],
  });

const ApiKeyViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  departmentIds: z.array(z.string()),
  memberId: z.string().optional(),
  createdAt: z.iso.datetime({ offset: true }),
  revokedAt: z.iso.datetime({ offset: true }).optional(),
});
const common = { tags: ['api-keys'], auth: 'apiKey', roles: ['admin'] } as const;
registerRoute({
  ...common,
  method: 'post',
  path: '/api/api-keys',
  summary: 'Create an API key (the plaintext key is returned once, never again)',
  body: CreateApiKeyBodySchema,
  responses: {
    201: {
      description: 'Created',
      schema: z.object({ id: z.string(), key: z.string() }),
      links: { revoke: { operation: 'DELETE /api/api-keys/{id}', parameters: { id: '$response.body#/id' } } },
    },
    ...POST_ERRORS,
    422: { description: 'An agent key names departments that do not exist, or a member of none of them (UNKNOWN_REFERENCE)' },
  },
});
registerRoute({
  ...common,
  method: 'get',
  path: '/api/api-keys',
  summary: 'List API keys (never their secrets)',
  responses: { 200: { description: 'Every key', schema: z.object({ items: z.array(ApiKeyViewSchema) }) }, ...AUTH_ERRORS },
});
registerRoute({
  ...common,
  method: 'delete',
  path: '/api/api-keys/{id}',
  summary: 'Revoke an API key (at once; the last active admin key cannot be revoked)',
  params: IdParamsSchema,
  responses: { 204: { description: 'Revoked' }, ...AUTH_ERRORS, 404: { description: 'No such key' }, 409: { description: 'It is the last active admin key' } },
});

/** Agent keys must name existing departments, and a member of one of them. */
async function assertScopeExists(departmentIds: string[], memberId: string | undefined): Promise<void> {
  const departments = await listDepartmentDocs(departmentIds);
  const known = new Set(departments.map((d) => d._id));
  const problems = departmentIds.flatMap((id, i) =>
    known.has(id) ? [] : [{ pointer: `/body/departmentIds/${i}`, message: `unknown department "${id}"` }],
  );
  const isMember = departments.some((d) => d.body.members.some((m) => m.id === memberId));
  if (memberId && problems.length === 0 && !isMember) {
    problems.push({ pointer: '/body/memberId', message: `"${memberId}" is not a member of these departments` });
  }
  assertNoUnknownReferences(problems);
}

/** API keys (admin only). */
export function apiKeysRouter(config: Pick<Config, 'secret' | 'previousSecret'>): Router {
  const router = Router();
  const guard = [authenticate(config), requireRole('admin')];

  router.post('/api/api-keys', ...guard, requireJsonContentType, async (req, res) => {
    const body = parseInput(CreateApiKeyBodySchema, req.body, 'body');
    await assertScopeExists(body.departmentIds, body.memberId);
    res.status(201).json(await createApiKey(body, config.secret));
  });

  router.get('/api/api-keys', ...guard, async (_req, res) => {
    const keys = await listApiKeys();
    res.json({
      items: keys.map(({ _id, createdAt, revokedAt, ...rest }) => ({
        id: _id,
        ...rest,
        createdAt: createdAt.toISOString(),
        ...(revokedAt ? { revokedAt: revokedAt.toISOString() } : {}),
      })),
    });
  });

  router.delete('/api/api-keys/:id', ...guard, async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'params');
    const key = await getApiKey(id);
    if (!key) throw new MeridianError('API_KEY_NOT_FOUND', `API key "${id}" not found`);
    if (key.role === 'admin' && !key.revokedAt && (await countOtherActiveAdminKeys(id)) === 0) {
      throw new MeridianError('CONFLICT', 'cannot revoke the last active admin key: create another admin key first');
    }
    await revokeApiKey(id, new Date());
    res.status(204).end();
  });

  return router;
}
