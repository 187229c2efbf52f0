import { Router, type Request } from 'express';
import type { Config } from '../../config/config';
import type { Logger } from '../../config/logger';
import { createPayloadCodec } from '../../temporal/data-converter';
import { authenticate, requireRole } from '../middleware/auth';
import { jsonParser } from '../middleware/json-body';
import { clientKey, createRateLimiter, createRateLimitStore } from '../middleware/rate-limit';
import { registerRoute } from '../openapi/registry';
import { parseInput, requireJsonContentType } from '../validation';
import { codecCors } from './codec-cors';
import { CodecBodySchema, codecHeadersSchema, fromJsonPayload, toJsonPayload } from './codec.schema';

/** Payload batches from the Web UI outgrow the API's 64 kB limit; parsed only after the caller is authenticated. */
const CODEC_BODY_LIMIT = '4mb';

const OPERATIONS = [
  ['decode', 'Decrypt payloads for the Temporal Web UI or CLI (what this codec cannot decrypt is returned unchanged)'],
  ['encode', 'Encrypt payloads with the current key (the Web UI uses it to start or signal a workflow)'],
] as const;

function documentRoutes(namespace: string): void {
  for (const [operation, summary] of OPERATIONS) {
    registerRoute({
      method: 'post',
      path: `/codec/${operation}`,
      summary,
      tags: ['temporal codec'],
      auth: 'apiKey',
      roles: ['admin'],
      headers: codecHeadersSchema(namespace),
      body: CodecBodySchema,
      rateLimited: true,
      responses: {
        200: { description: 'The payloads, in the same order', schema: CodecBodySchema },
        400: { description: 'Not a codec request (pointer per field), or another namespace' },
        403: { description: 'Not an admin key, or a browser origin other than TEMPORAL_UI_ORIGIN' },
        413: { description: `Body larger than ${CODEC_BODY_LIMIT}` },
        415: { description: 'Body is not application/json' },
      },
    });
  }
}

/**
 * The Temporal codec server protocol (`POST /codec/decode`, `/codec/encode`) over Meridian's payload keys, for the
 * Web UI and `temporal --codec-endpoint`: admin keys only, CORS for the configured UI origin, rate-limited.
 */
export function codecRouter(deps: { config: Config; logger: Logger }): Router {
  const { config } = deps;
  documentRoutes(config.temporal.namespace);
  const codec = createPayloadCodec(config, deps.logger);
  const headersSchema = codecHeadersSchema(config.temporal.namespace);
  const router = Router();
  const { codecPerMinute } = config.rateLimits;
  const limit = createRateLimiter({ name: 'codec', windowMs: 60_000, max: codecPerMinute, key: clientKey, store: createRateLimitStore(config.rateLimits) });
  router.use('/codec', limit, codecCors(config.temporal.uiOrigin));
  const guard = [
    authenticate(config),
    requireRole('admin'),
    requireJsonContentType,
    jsonParser(CODEC_BODY_LIMIT),
  ];
  const payloadsOf = (req: Request) => {
    parseInput(headersSchema, { 'x-namespace': req.get('x-namespace') }, 'headers');
    return parseInput(CodecBodySchema, req.body, 'body').payloads.map(fromJsonPayload);
  };

  router.post('/codec/decode', ...guard, async (req, res) => {
    const payloads = await codec.decodeForDisplay(payloadsOf(req));
    res.setHeader('Cache-Control', 'no-store');
    res.json({ payloads: payloads.map(toJsonPayload) });
  });

  router.post('/codec/encode', ...guard, async (req, res) => {
    const payloads = await codec.encode(payloadsOf(req));
    res.json({ payloads: payloads.map(toJsonPayload) });
  });

  return router;
}
