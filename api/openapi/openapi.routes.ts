import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { buildOpenApiDocument, registerRoute } from './registry';

registerRoute({
  method: 'get',
  path: '/openapi.json',
  summary: 'This OpenAPI 3.1 document',
  tags: ['meta'],
  auth: 'public',
  offline: true,
  responses: { 200: { description: 'The document', schema: z.looseObject({ openapi: z.literal('3.1.0') }) } },
});

/** Serves the OpenAPI document (public). */
export function openApiRouter(config: Pick<Config, 'http'>): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(buildOpenApiDocument(config));
  });
  return router;
}
