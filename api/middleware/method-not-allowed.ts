import type { RequestHandler } from 'express';
import { MeridianError } from '../../domain/errors';
import { documentedPaths, routesRevision } from '../openapi/registry';

interface PathMatcher {
  pattern: RegExp;
  methods: Set<string>;
}

/** `/api/regions/{id}` → a regex matching request paths as Express routes them (case-insensitive, optional trailing slash). */
function toPattern(path: string): RegExp {
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`, 'i');
}

/**
 * A documented path asked with a method it does not have (TRACE, PATCH, DELETE on a collection…): 405 with an `Allow`
 * header naming the methods it has (RFC 9110 §15.5.6), as a problem document. Runs after every router, so it sees only
 * requests no route answered; paths nobody documented go on to the 404. OPTIONS is answered by Express itself (200
 * with `Allow`).
 */
export function methodNotAllowed(): RequestHandler {
  let compiled: { revision: number; matchers: PathMatcher[] } | undefined;
  const matchers = (): PathMatcher[] => {
    if (compiled?.revision === routesRevision()) return compiled.matchers;
    const { revision, paths } = documentedPaths();
    compiled = { revision, matchers: [...paths].map(([path, methods]) => ({ pattern: toPattern(path), methods })) };
    return compiled.matchers;
  };
  return (req, res, next) => {
    const allowed = new Set<string>();
    for (const { pattern, methods } of matchers()) if (pattern.test(req.path)) for (const m of methods) allowed.add(m);
    if (allowed.size === 0 || allowed.has(req.method)) return next();
    if (allowed.has('GET')) allowed.add('HEAD');
    const allow = [...allowed].sort().join(', ');
    res.setHeader('Allow', allow);
    next(new MeridianError('METHOD_NOT_ALLOWED', `${req.method} is not allowed here; this resource allows ${allow}`));
  };
}
