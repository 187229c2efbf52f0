import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { bearerTokenMatches, renderMetrics, type MetricsSource } from '../../metrics/exposition';
import { registerRoute } from '../openapi/registry';
import { parseInput } from '../validation';

/** Prometheus sends no query parameters; anything else is a mistake worth a 400. */
const MetricsQuerySchema = z.strictObject({});

registerRoute({
  method: 'get',
  path: '/metrics',
  summary: 'Prometheus metrics of this process, text format 0.0.4 (names in the README, "Metrics")',
  tags: ['meta'],
  auth: 'metricsToken',
  query: MetricsQuerySchema,
  offline: true,
  responses: {
    200: { description: 'The metrics, Prometheus text format 0.0.4', contentType: 'text/plain', schema: z.string() },
    400: { description: 'Query parameters were sent' },
    401: { description: 'No or wrong metrics token' },
    404: { description: 'Metrics are off: METRICS_TOKEN is not set' },
  },
});

/** `GET /metrics` for the bearer of METRICS_TOKEN: never rate limited, never touches the database to authenticate. */
export function metricsRouter(deps: { config: Pick<Config, 'metrics'>; metrics: MetricsSource }): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    const { token } = deps.config.metrics;
    if (!token) throw new MeridianError('NOT_FOUND', 'metrics are off: set METRICS_TOKEN to turn them on');
    if (!bearerTokenMatches(req.get('authorization'), token)) {
      throw new MeridianError('UNAUTHENTICATED', 'send the metrics token as "Authorization: Bearer <METRICS_TOKEN>"');
    }
    parseInput(MetricsQuerySchema, req.query, 'query');
    const { contentType, text } = await renderMetrics(deps.metrics);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', contentType);
    res.send(text);
  });
  return router;
}
