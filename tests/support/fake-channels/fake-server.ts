/**
 * The HTTP core of the fake messaging platforms: a real node:http server on a free loopback port, a record of every
 * request, and knobs to answer the next requests with a failure (429, 500 …) or to cut the connection. Each platform
 * file adds its routes, its authentication and its own error shapes on top.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../http-body';

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Bytes answered as they are (media), instead of `body` as JSON; `chunked`: sent without a Content-Length. */
  raw?: Buffer;
  chunked?: boolean;
}

/** One request as the fake saw it; the credential is not kept, only whether it was the right one. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  authorized: boolean;
  body: unknown;
  /** The status answered; null when the connection was cut. */
  status: number | null;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body, or undefined when it was not JSON. */
  body: unknown;
  raw: string;
}

export interface FakeServerOptions {
  /** Whether the request carries the platform credential (checked before any knob or route). */
  authorize(req: FakeRequest): boolean;
  /** The platform's answer to a missing or wrong credential. */
  unauthorized(req: FakeRequest): FakeAnswer;
  /** The platform's answer to a request (null: no such route, answered `notFound`). */
  route(req: FakeRequest): FakeAnswer | null;
  notFound(req: FakeRequest): FakeAnswer;
}

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  /** The next `n` authorized requests get `answer` (e.g. `{ status: 500 }`) before reaching the route (queued with dropNext, in order). */
  failNext(n: number, answer: FakeAnswer): void;
  /** The next `n` authorized requests are cut without an answer (a network error for the client). */
  dropNext(n: number): void;
  stop(): Promise<void>;
}

const MASKED = new Set(['authorization']);

function parseJson(raw: string, contentType: string | undefined): unknown {
  if (!contentType?.startsWith('application/json')) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** Media bytes: at once (with a Content-Length), or in 64 KB chunks without one, as a streaming CDN sends them. */
function writeRaw(res: http.ServerResponse, raw: Buffer, chunked: boolean): void {
  if (!chunked) {
    res.end(raw);
    return;
  }
  for (let at = 0; at < raw.length && !res.destroyed; at += 64 * 1024) res.write(raw.subarray(at, at + 64 * 1024));
  res.end();
}

/** Starts a fake platform server on 127.0.0.1 and a free port. */
export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const queued: Array<FakeAnswer | 'drop'> = []; // failNext and dropNext, in the order they were asked for

  const server = http.createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://fake');
      const fake: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: parseJson(raw, req.headers['content-type']), raw };
      const headers = Object.fromEntries(Object.entries(req.headers).flatMap(([k, v]) => (MASKED.has(k) || v === undefined ? [] : [[k, String(v)]])));
      const authorized = options.authorize(fake);
      const record: RecordedRequest = { method: fake.method, path: fake.path, query: Object.fromEntries(url.searchParams), headers, authorized, body: fake.body, status: null };
      requests.push(record);
      const next = authorized ? queued.shift() : undefined;
      if (next === 'drop') {
        req.socket.destroy();
        return;
      }
      const answer = !authorized ? options.unauthorized(fake) : (next ?? options.route(fake) ?? options.notFound(fake));
      record.status = answer.status;
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      if (answer.raw) return writeRaw(res, answer.raw, answer.chunked === true);
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    })().catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(n, answer) {
      for (let i = 0; i < n; i += 1) queued.push(answer);
    },
    dropNext(n) {
      for (let i = 0; i < n; i += 1) queued.push('drop');
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** The Bearer credential of a request, if it sent one. */
export function bearerOf(req: FakeRequest): string | undefined {
  const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** Length in UTF-16 code units, as LINE counts (and as the fakes check every platform's limit). */
export const utf16Length = (s: string) => s.length;
