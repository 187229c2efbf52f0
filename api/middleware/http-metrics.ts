import type { RequestHandler, Response } from 'express';
import type { Histogram } from 'prom-client';
import { histogram, secondsSince, type Registry } from '../../metrics/registry';
import { routeOf } from './route-template';

/** The route label of requests no route matched: unknown paths, and bodies refused before routing (bad JSON, too large). */
export const UNMATCHED_ROUTE = 'unmatched';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The customer-facing operations that get a histogram of their own, by method and route template. */
type Operation = 'intake' | 'tracking';
const OPERATIONS: Record<string, Operation> = {
  'POST /api/tickets': 'intake',
  'GET /api/track/:code': 'tracking',
  'GET /api/track/:code/messages': 'tracking',
};

/** What became of an intake or tracking request, from its status (and, for intake, whether it was a replay). */
function outcomeOf(operation: Operation, res: Response): string {
  const status = res.statusCode;
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'failed';
  if (status === 404 && operation === 'tracking') return 'not_found';
  if (status >= 400) return 'rejected';
  if (operation === 'tracking') return 'found';
  return res.getHeader('Idempotent-Replayed') === 'true' ? 'replayed' : 'created';
}

/** Times every request into `meridian_http_request_duration_seconds{method,route,status}`, intake and tracking also on their own. */
export function httpMetrics(registry: Registry): RequestHandler {
  const requests = histogram(registry, {
    name: 'meridian_http_request_duration_seconds',
    help: 'HTTP requests from arrival to the last byte of the answer, by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: SECONDS,
  });
  const operations: Record<Operation, Histogram<'outcome'>> = {
    intake: histogram(registry, {
      name: 'meridian_intake_duration_seconds',
      help: 'POST /api/tickets until answered (ticket reserved, workflow started, query code issued), by outcome.',
      labelNames: ['outcome'],
      buckets: SECONDS,
    }),
    tracking: histogram(registry, {
      name: 'meridian_tracking_duration_seconds',
      help: 'Customer tracking lookups by query code (GET /api/track/{code} and its messages) until answered, by outcome.',
      labelNames: ['outcome'],
      buckets: SECONDS,
    }),
  };
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = secondsSince(started);
      const route = routeOf(req, res);
      requests.observe({ method: req.method, route: route ?? UNMATCHED_ROUTE, status: String(res.statusCode) }, seconds);
      const operation = route ? OPERATIONS[`${req.method} ${route}`] : undefined;
      if (operation) operations[operation].observe({ outcome: outcomeOf(operation, res) }, seconds);
    });
    next();
  };
}
