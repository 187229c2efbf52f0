import { z } from 'zod';
import type { Config } from '../../config/config';
import type { Role } from '../../models/api-key.model';
import { problemComponents } from './components';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** An OpenAPI link from a response to another operation, named by "METHOD /path" (`GET /api/tickets/{id}`). */
export interface RouteLink {
  operation: `${Uppercase<HttpMethod>} ${string}`;
  /** Parameter name → runtime expression, e.g. `{ id: '$response.body#/id' }`. */
  parameters: Record<string, string>;
  description?: string;
}

export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
  /** The media type of `schema` (default application/json; application/problem+json for errors). */
  contentType?: string;
  links?: Record<string, RouteLink>;
}

/** One documented route. `path` is OpenAPI style: `/api/tickets/{id}`. */
export interface RouteDoc {
  method: HttpMethod;
  path: string;
  summary: string;
  tags: readonly string[];
  /** Which bearer the route takes: an API key, the METRICS_TOKEN, a web chat visitor's token, or none. */
  auth: 'apiKey' | 'metricsToken' | 'visitorToken' | 'public';
  roles?: readonly Role[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: z.ZodType;
  /** Behind a per-client rate limit (429). */
  rateLimited?: boolean;
  /** Answers without the database or Temporal, so never 503. */
  offline?: boolean;
  /**
   * The route's own responses. Errors every route of its kind can give (400, 401, 403, 413, 415, 429, 503) are added
   * from the other fields (`standardErrors`); an entry here replaces the standard description of that status.
   */
  responses: Record<number, RouteResponse>;
}

const ALL_ROLES: readonly Role[] = ['admin', 'ops', 'agent'];

/**
 * Routes documented so far, keyed by "METHOD path": registering the same route again replaces it,
 * so routers may register at module load (as the config routers do) or inside their factory.
 * The document is built on each request, so it includes everything registered before that request.
 */
const routes = new Map<string, RouteDoc>();
/** Counts registrations, so what is derived from the routes knows when to derive again. */
let revision = 0;

/** Adds (or replaces) a route in the OpenAPI document. */
export function registerRoute(route: RouteDoc): void {
  routes.set(`${route.method.toUpperCase()} ${route.path}`, route);
  revision += 1;
}

/** The documented paths and their methods (uppercase), for answering undeclared methods with 405 and `Allow`. */
export function documentedPaths(): { revision: number; paths: Map<string, Set<string>> } {
  const paths = new Map<string, Set<string>>();
  for (const route of routes.values()) {
    const methods = paths.get(route.path) ?? new Set<string>();
    methods.add(route.method.toUpperCase());
    paths.set(route.path, methods);
  }
  return { revision, paths };
}

/** The number of registrations so far (changes whenever a route is added or replaced). */
export function routesRevision(): number {
  return revision;
}

/**
 * The errors a route can answer because of what it is, whatever it does: invalid input (400), bad credentials (401),
 * a role it refuses (403), a body too large or not JSON (413, 415), a rate limit (429), a dependency down (503).
 */
function standardErrors(route: RouteDoc): Record<number, RouteResponse> {
  const errors: Record<number, RouteResponse> = {};
  const inputs = [route.params && 'path', route.query && 'query', route.headers && 'headers', route.body && 'body'].filter(Boolean);
  if (inputs.length > 0) errors[400] = { description: `Invalid ${inputs.join(', ')} (a JSON pointer per invalid field), or a body that is not JSON` };
  if (route.auth === 'apiKey') errors[401] = { description: 'No, unknown or revoked API key' };
  if (route.auth === 'metricsToken') errors[401] = { description: 'No or wrong metrics token' };
  if (route.auth === 'visitorToken') errors[401] = { description: 'No, forged or expired visitor token, or one of another channel or site key' };
  if (route.auth === 'apiKey' && route.roles && ALL_ROLES.some((r) => !route.roles?.includes(r))) {
    errors[403] = { description: `The key's role may not do this (${route.roles.join(', ')} only)` };
  }
  if (route.body) {
    errors[413] = { description: 'Body larger than 64 kB' };
    errors[415] = { description: 'Body is not application/json, or its Content-Encoding is not gzip, deflate or br' };
  }
  if (route.rateLimited) errors[429] = { description: 'Too many requests from this client; retry after the `Retry-After` seconds' };
  if (!route.offline) errors[503] = { description: 'The database or Temporal is unreachable; retry shortly (`Retry-After`)' };
  return errors;
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

/**
 * A request body's schema as the body parser takes it: a member named `__proto__` is refused anywhere in a body
 * (middleware/json-body.ts), so every object that admits members beyond its named ones says so in `propertyNames`,
 * and the members it admits unnamed are JSON values that say so too (components.schemas.JsonValue).
 */
function bodySchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(bodySchema);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, bodySchema(value)]));
  if (out.type === 'object' && out.additionalProperties !== false) {
    const names = (out.propertyNames ?? {}) as JsonSchema;
    out.propertyNames = { ...names, not: { const: '__proto__' } };
    out.additionalProperties ??= { $ref: '#/components/schemas/JsonValue' };
  }
  return out;
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

/** `post /api/tickets/{id}/claim` → `postApiTicketsIdClaim`. */
function operationId(method: string, path: string): string {
  return `${method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ? c.toUpperCase() : ''))}`;
}

function link({ operation, parameters: params, description }: RouteLink): JsonSchema {
  const [method = '', path = ''] = operation.split(' ');
  return { operationId: operationId(method, path), parameters: params, ...(description ? { description } : {}) };
}

function response(status: number, r: RouteResponse): JsonSchema {
  const isError = status >= 400;
  const type = r.contentType ?? (isError ? 'application/problem+json' : 'application/json');
  const schema = r.schema ? jsonSchema(r.schema, 'output') : isError ? { $ref: '#/components/schemas/Problem' } : undefined;
  return {
    description: r.description,
    ...(schema ? { content: { [type]: { schema } } } : {}),
    ...(r.links ? { links: Object.fromEntries(Object.entries(r.links).map(([name, l]) => [name, link(l)])) } : {}),
  };
}

function operation(route: RouteDoc): JsonSchema {
  const all = { ...standardErrors(route), ...route.responses };
  const responses = Object.fromEntries(Object.entries(all).map(([status, r]) => [status, response(Number(status), r)]));
  return {
    summary: route.summary,
    tags: route.tags,
    operationId: operationId(route.method, route.path),
    ...(route.roles ? { description: `Roles: ${route.roles.join(', ')}.` } : {}),
    security: route.auth === 'public' ? [] : [{ [route.auth]: [] }],
    parameters: [...parameters('path', route.params), ...parameters('query', route.query), ...parameters('header', route.headers)],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: bodySchema(jsonSchema(route.body, 'input')) } } } } : {}),
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
