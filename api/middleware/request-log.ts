import type { RequestHandler } from 'express';
import type { Logger } from '../../config/logger';
import { routeOf } from './route-template';

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
