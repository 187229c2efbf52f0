import type { Client } from '@temporalio/client';
import express from 'express';
import type { Config } from '../config/config';
import type { Logger } from '../config/logger';
import { channelsRouter } from './channels/channels.routes';
import { channelWebhooksRouter } from './channels/webhooks.routes';
import { codecRouter } from './codec/codec.routes';
import { configRouters } from './config/config.routes';
import { customerRouters } from './customers/customer-routers';
import { CONFIG_PATHS, wakeOnConfigurationChange } from './config/wake-on-change';
import { wakeTicketsNeedingAttention } from '../services/configuration/wake-waiting-tickets';
import type { MetricsSource } from '../metrics/exposition';
import { Registry } from '../metrics/registry';
import { healthRouter } from './health/health.routes';
import { metricsRouter } from './metrics/metrics.routes';
import { httpMetrics } from './middleware/http-metrics';
import { jsonBody } from './middleware/json-body';
import { methodNotAllowed } from './middleware/method-not-allowed';
import { notFoundHandler, problemHandler } from './middleware/problem';
import { requestId } from './middleware/request-id';
import { markRouteBase, requestLog } from './middleware/request-log';
import { securityHeaders } from './middleware/security-headers';
import { openApiRouter } from './openapi/openapi.routes';
import { ticketRouters } from './ticket-routers';
import { webchatRouter } from './webchat/webchat.routes';
import type { TrackRouterDeps } from './track/track.routes';

export interface AppDeps {
  config: Config;
  logger: Logger;
  temporal: Client;
  /** The clock intake stamps tickets with and rate limits count by (default Date.now; tests may pass their own). */
  now?: () => number;
  /** What GET /metrics serves; the app adds its HTTP metrics to the registry (default: a registry of its own). */
  metrics?: MetricsSource;
  /** The tracking cache's bounds and clock (tests), or 'off' (the bench measures both); default: track.routes.ts. */
  trackCache?: TrackRouterDeps['trackCache'];
  /** Routers mounted after the built-in ones, at `path` (channel webhooks later). */
  extraRouters?: Array<{ path: string; router: express.Router }>;
}

/** Builds the HTTP application (no listen): headers, request id, logging, metrics, JSON, routers, problems. */
export function createApp(deps: AppDeps): express.Express {
  const { config, logger, temporal } = deps;
  const metrics = deps.metrics ?? { registry: new Registry() };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);

  app.use(securityHeaders);
  app.use(requestId);
  app.use(requestLog(logger)); // before the body parser, so 400/413 for bad bodies are logged too
  app.use(httpMetrics(metrics.registry)); // and counted
  app.use(codecRouter({ config, logger })); // before the 64 kB parser: it parses its larger bodies after auth
  app.use(channelWebhooksRouter({ config, temporal, now: deps.now })); // before the JSON parser: signatures are over the raw bytes
  app.use(webchatRouter({ config, temporal, now: deps.now })); // before the JSON parser: a foreign origin is refused unread, bodies have a smaller limit
  app.use(jsonBody());

  app.use(healthRouter({ temporal }));
  app.use(metricsRouter({ config, metrics }));
  app.use(openApiRouter(config));
  app.use(CONFIG_PATHS, wakeOnConfigurationChange(() => wakeTicketsNeedingAttention(temporal), logger));
  for (const router of configRouters(config)) app.use(router);
  app.use(channelsRouter(config));
  for (const router of ticketRouters({ config, temporal, now: deps.now, trackCache: deps.trackCache })) app.use(router);
  for (const router of customerRouters({ config, now: deps.now })) app.use(router);
  for (const { path, router } of deps.extraRouters ?? []) app.use(path, markRouteBase(path), router);

  app.use(methodNotAllowed());
  app.use(notFoundHandler);
  app.use(problemHandler(logger));
  return app;
}
