import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loggableError, type Logger } from '../config/logger';
import { bearerTokenMatches, renderMetrics, type MetricsSource } from '../metrics/exposition';

export interface MetricsEndpoint {
  /** `http://host:port/metrics` as it listens (the real port when asked for port 0). */
  url: string;
  close(): Promise<void>;
}

export interface MetricsEndpointOptions {
  host: string;
  port: number;
  token: string;
  source: MetricsSource;
  logger: Logger;
}

function answer(res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(text);
}

/** The worker process's `GET /metrics` (it has no other HTTP server): the bearer of the metrics token only. */
export async function startMetricsEndpoint({ host, port, token, source, logger }: MetricsEndpointOptions): Promise<MetricsEndpoint> {
  const server = http.createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://worker').pathname !== '/metrics') return answer(res, 404, 'not found: GET /metrics\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'use GET\n', { Allow: 'GET, HEAD' });
    if (!bearerTokenMatches(req.headers.authorization, token)) {
      return answer(res, 401, 'send the metrics token as "Authorization: Bearer <METRICS_TOKEN>"\n', { 'WWW-Authenticate': 'Bearer realm="meridian"' });
    }
    renderMetrics(source).then(
      ({ contentType, text }) => answer(res, 200, text, { 'Content-Type': contentType }),
      (err: unknown) => {
        logger.error({ err: loggableError(err) }, 'metrics scrape failed');
        answer(res, 500, 'metrics unavailable\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  const shownHost = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${shownHost}:${bound.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
