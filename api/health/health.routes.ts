import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import { MeridianError } from '../../domain/errors';
import { registerRoute } from '../openapi/registry';
import { checkMongo, checkTemporal } from './readiness';

registerRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness: the process is up',
  tags: ['meta'],
  auth: 'public',
  offline: true,
  responses: { 200: { description: 'Up', schema: z.object({ status: z.literal('ok') }) } },
});
registerRoute({
  method: 'get',
  path: '/readyz',
  summary: 'Readiness: MongoDB and Temporal answer',
  tags: ['meta'],
  auth: 'public',
  responses: {
    200: { description: 'Ready', schema: z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.enum(['up', 'down'])) }) },
    503: { description: 'A dependency is down (listed in `checks`)' },
  },
});

/** Liveness and readiness probes (public, unauthenticated, never rate limited). */
export function healthRouter(deps: { temporal: Client }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [mongodb, temporal] = await Promise.all([checkMongo(), checkTemporal(deps.temporal)]);
    const checks = { mongodb, temporal };
    const down = Object.entries(checks).filter(([, state]) => state === 'down').map(([name]) => name);
    if (down.length > 0) throw new MeridianError('SERVICE_UNAVAILABLE', `not ready: ${down.join(', ')} down`, { checks, down });
    res.json({ status: 'ready', checks });
  });
  return router;
}
