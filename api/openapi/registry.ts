import { z } from 'zod';
import type { Config } from '../../config/config';
import type { Role } from '../../models/api-key.model';
import { problemComponents } from './components';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One documented route. `path` is OpenAPI style: `/api/tickets/{id}`. */
export interface RouteDoc {
  method: HttpMethod;
  path: string;
  summary: string;
  tags: readonly string[];
  /** Which bearer the route takes: an API key, the METRICS_TOKEN, or none. */
  auth: 'apiKey' | 'metricsToken' | 'public';
  roles?: readonly Role[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

/**
 * Routes documented so far, keyed by "METHOD path": registering the same route again replaces it,
 * so routers may register at module load (as the config routers do) or inside their factory.
 * The document is built on each request, so it includes everything registered before that request.
 */
const routes = new Map<string, RouteDoc>();

/** Adds (or replaces) a route in the OpenAPI document. */
export function registerRoute(route: RouteDoc): void {
  routes.set(`${route.method.toUpperCase()} ${route.path}`, route);
}

/** Every route documented so far (tests walk it: the authorization matrix, the bad-input corpus). */
export function registeredRoutes(): RouteDoc[] {
  return [...routes.values()];
}

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  return rest;
}

/** Turns a params/query/headers object into OpenAPI parameter objects. */
function parameters(where: 'path' | 'query' | 'header', schema?: z.ZodObject): JsonSchema[] {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}

function operation(route: RouteDoc): JsonSchema {
  const responses = Object.fromEntries(
    Object.entries(route.responses).map(([status, r]) => {
      const type = Number(status) >= 400 ? 'application/problem+json' : 'application/json';
      const schema = r.schema ? jsonSchema(r.schema, 'output') : Number(status) >= 400 ? { $ref: '#/components/schemas/Problem' } : undefined;
      return [status, { description: r.description, ...(schema ? { content: { [type]: { schema } } } : {}) }];
    }),
  );
  return {
    summary: route.summary,
    tags: route.tags,
    operationId: `${route.method}${route.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ? c.toUpperCase() : ''))}`,
    ...(route.roles ? { description: `Roles: ${route.roles.join(', ')}.` } : {}),
    security: route.auth === 'public' ? [] : [{ [route.auth]: [] }],
    parameters: [...parameters('path', route.params), ...parameters('query', route.query), ...parameters('header', route.headers)],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document for every registered route. */
export function buildOpenApiDocument(config: Pick<Config, 'http'>): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const sorted = [...routes.values()].sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)));
  for (const route of sorted) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: { title: 'Meridian API', version: '0.1.0', description: 'Ticketing engine: every ticket a durable workflow.' },
    servers: [{ url: config.http.publicBaseUrl }],
    paths,
    components: problemComponents(),
  };
}
