import type { Express } from 'express';

/** One layer of express 5's router (the `router` package, 2.x): a route, a mounted router, or middleware. */
interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** `/api/tickets/:id` → `/api/tickets/{id}`, the registry's (OpenAPI) spelling. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function walk(stack: Layer[], prefix: string, out: Set<string>): void {
  for (const layer of stack) {
    if (layer.route) {
      const { path, methods } = layer.route;
      if (typeof path !== 'string') throw new Error(`a route with a non-string path (${String(path)}) under "${prefix}": extend this walker`);
      for (const method of Object.keys(methods)) {
        if (method === '_all') throw new Error(`${prefix}${path} answers every method (router.all): give the matrix one entry per method`);
        out.add(`${method.toUpperCase()} ${openApiPath(prefix + path)}`);
      }
    } else if (Array.isArray(layer.handle.stack)) {
      // A mounted router: `app.use(router)` is mounted at "/" (no prefix); any other mount path must be a plain string.
      const at = layer.rawPath;
      if (typeof at !== 'string') throw new Error(`a router mounted at ${String(at)} under "${prefix}": extend this walker`);
      walk(layer.handle.stack, at === '/' ? prefix : prefix + at.replace(/\/$/, ''), out);
    }
  }
}

/**
 * Every route the app really mounts, as "METHOD /path/{param}", read from express's own router stack: the ground
 * truth the registry and the matrix are compared with (a route mounted without documentation shows up here).
 */
export function mountedRoutes(app: Express): string[] {
  const router = (app as unknown as { router?: { stack: Layer[] } }).router;
  if (!router) throw new Error('app.router is missing: this walker reads express 5’s router stack');
  const out = new Set<string>();
  walk(router.stack, '', out);
  return [...out].sort();
}
