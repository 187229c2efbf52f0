import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { MeridianError, type ErrorCode } from '../../domain/errors';
import { toConfigResource, type ConfigDoc, type SaveOptions } from '../../models/config-document';
import { authenticate, getAuth, requireRole, type AuthContext, type Role } from '../middleware/auth';
import { registerRoute, type RouteDoc } from '../openapi/registry';
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

/** Bodies of such a collection: an object schema with a string `id`. */
type BodySchema = z.ZodObject & z.ZodType<{ id: string }>;

/** A configuration collection kept by id under `path`: PUT (create or replace), list, read one. */
export interface VersionedResource<S extends BodySchema> {
  /** The collection path, `/api/regions`; one object lives at `/api/regions/:id`. */
  path: string;
  /** The OpenAPI tag. */
  tag: string;
  /** What the not-found message calls one object: `region "x" not found`. */
  name: string;
  notFoundCode: ErrorCode;
  /** The body of a PUT; its `id` must be the id in the path. */
  schema: S;
  /** OpenAPI summaries, and the descriptions of the list, read and 404 responses. */
  summaries: { put: string; list: string; get: string };
  descriptions: { list: string; get: string; notFound: string };
  /** Extra or replaced PUT error responses (for the OpenAPI document). */
  writeErrors?: RouteDoc['responses'];
  /** Who may read (default: admin, ops); only admin and ops write. */
  readRoles?: Role[];
  /** Whether the caller may see the object `id`; those it may not are answered 404, as if absent. */
  canRead?: (auth: AuthContext, id: string) => boolean;
  /** The objects the caller may see, ordered by id. */
  list: (auth: AuthContext) => Promise<Array<ConfigDoc<z.infer<S>>>>;
  get: (id: string) => Promise<ConfigDoc<z.infer<S>> | null>;
  save: (body: z.infer<S>, options: SaveOptions) => Promise<{ doc: ConfigDoc<z.infer<S>>; created: boolean }>;
}

function registerDocs<S extends BodySchema>(r: VersionedResource<S>, readRoles: Role[]): void {
  const item = `${r.path}/{id}`;
  const schema = resourceSchema(r.schema);
  const common = { tags: [r.tag], auth: 'apiKey' } as const;
  const readBack = { read: { operation: `GET ${item}` as const, parameters: { id: '$response.body#/id' } } };
  registerRoute({
    ...common,
    method: 'put',
    path: item,
    summary: r.summaries.put,
    roles: CONFIG_ROLES,
    params: IdParamsSchema,
    headers: IfMatchHeadersSchema,
    body: r.schema,
    responses: {
      200: { description: 'Replaced', schema, links: readBack },
      201: { description: 'Created', schema, links: readBack },
      ...WRITE_ERRORS,
      ...r.writeErrors,
    },
  });
  registerRoute({
    ...common,
    method: 'get',
    path: r.path,
    summary: r.summaries.list,
    roles: readRoles,
    responses: { 200: { description: r.descriptions.list, schema: z.object({ items: z.array(schema) }) }, ...AUTH_ERRORS },
  });
  registerRoute({
    ...common,
    method: 'get',
    path: item,
    summary: r.summaries.get,
    roles: readRoles,
    params: IdParamsSchema,
    responses: { 200: { description: r.descriptions.get, schema }, ...AUTH_ERRORS, 404: { description: r.descriptions.notFound } },
  });
}

/** The router of one versioned configuration collection; also documents its three routes in the OpenAPI document. */
export function versionedResourceRoutes<S extends BodySchema>(config: Pick<Config, 'secret' | 'previousSecret'>, r: VersionedResource<S>): Router {
  const readRoles = r.readRoles ?? CONFIG_ROLES;
  registerDocs(r, readRoles);
  const router = Router();
  const auth = authenticate(config);

  router.put(`${r.path}/:id`, auth, requireRole(...CONFIG_ROLES), requireJsonContentType, async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'params');
    const expectedVersion = parseIfMatch(req);
    const body = parseInput(r.schema, req.body, 'body');
    assertBodyIdMatches(id, body.id);
    const { doc, created } = await r.save(body, { actor: getAuth(res).keyId, expectedVersion });
    sendConfig(res, doc, created ? 201 : 200);
  });

  router.get(r.path, auth, requireRole(...readRoles), async (_req, res) => {
    res.json({ items: (await r.list(getAuth(res))).map(toConfigResource) });
  });

  router.get(`${r.path}/:id`, auth, requireRole(...readRoles), async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'params');
    const notFound = () => new MeridianError(r.notFoundCode, `${r.name} "${id}" not found`);
    if (r.canRead && !r.canRead(getAuth(res), id)) throw notFound();
    const doc = await r.get(id);
    if (!doc) throw notFound();
    sendConfig(res, doc);
  });

  return router;
}
