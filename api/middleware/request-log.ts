import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../../config/logger';

/** The matched route template (never the raw URL: paths can carry query codes). */
function routeOf(req: Request, res: Response): string | null {
  if (!req.route) return null;
  const base = (res.locals.routeBase as string | undefined) ?? req.baseUrl;
  return `${base === '/' ? '' : base}${String(req.route.path)}`;
}

/** Logs one line per request: method, route, status, duration. Never bodies, URLs or headers. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const fields = {
        requestId: res.locals.requestId as string | undefined,
        method: req.method,
        route: routeOf(req, res),
        status: res.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
      };
      if (res.statusCode >= 500) logger.error(fields, 'request completed');
      else logger.info(fields, 'request completed');
    });
    next();
  };
}

/** Remembers where a router was mounted, so the log shows its full route template. */
export function markRouteBase(path: string): RequestHandler {
  return (_req, res, next) => {
    res.locals.routeBase = path;
    next();
  };
}
