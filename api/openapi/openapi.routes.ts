import { Router } from 'express';
import type { Config } from '../../config/config';
import { buildOpenApiDocument, registerRoute } from './registry';

registerRoute({
  method: 'get',
  path: '/openapi.json',
  summary: 'This OpenAPI 3.1 document',
  tags: ['meta'],
  auth: 'public',
  responses: { 200: { description: 'The document' } },
});

/** Serves the OpenAPI document (public). */
export function openApiRouter(config: Pick<Config, 'http'>): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(buildOpenApiDocument(config));
  });
  return router;
}
