import type { Request, Response } from 'express';

/** The matched route template, e.g. `/api/tickets/:id` (never the raw URL: paths can carry query codes); null when none matched. */
export function routeOf(req: Request, res: Response): string | null {
  if (!req.route) return null;
  const base = (res.locals.routeBase as string | undefined) ?? req.baseUrl;
  return `${base === '/' ? '' : base}${String(req.route.path)}`;
}
