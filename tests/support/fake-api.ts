/**
 * The HTTP core the fake payment gateway and the fake platform share: a real server on a free loopback port with
 * Stripe's v1 idempotency layer, bearer authentication, a record of every call, and knobs to fail, drop or hold answers.
 *
 * Order of checks, as Stripe documents it: authentication and validation run before the idempotency layer and are
 * never saved; once an operation starts executing, its answer (success or refusal) is saved under the key and replayed
 * to every later request with that key and the same parameters (`Idempotent-Replayed: true`); the same key with other
 * parameters is a 400 `idempotency_error`; the same key while its first request still runs is a 409.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './http-body';

export interface FakeAnswer {
  status: number;
  body: unknown;
}

/** One request as the fake saw it: the credential is never recorded, only whether it matched. */
export interface RecordedCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  authorized: boolean;
  body: Record<string, unknown> | null;
  /** The status answered; null while held or when the connection was dropped before an answer. */
  status: number | null;
  replayed: boolean;
}

export interface Endpoint {
  /** Refusals of malformed parameters, answered before the idempotency layer (never saved). */
  validate?(body: Record<string, unknown> | null): FakeAnswer | null;
  /** Runs the operation; for a POST with an Idempotency-Key its answer is saved and replayed. */
  execute(body: Record<string, unknown> | null): FakeAnswer;
}

export interface Hold {
  /** Resolves when the held request has arrived (and, with `execute: 'first'`, has been carried out). */
  arrived: Promise<void>;
  release(): void;
}

export interface FakeApiOptions {
  credential: string;
  /** The body as the endpoint reads it; null when the content type is not the API's. */
  parseBody(raw: string, contentType: string | undefined): Record<string, unknown> | null;
  /** The endpoint for `method path`, or null (404). */
  route(method: string, path: string): Endpoint | null;
  /** The API's error shape. */
  error(status: number, type: string, code: string | undefined, message: string): FakeAnswer;
  /** The 401 answer for a missing or wrong credential (given as sent, to be masked by the fake). */
  unauthorized(sent: string | undefined): FakeAnswer;
}

export interface FakeApi {
  url: string;
  calls: RecordedCall[];
  /** The next `n` requests (after authentication) answer `status` with an api_error, in front of the idempotency layer. */
  failNext(n: number, status?: number): void;
  /** The next `n` requests are carried out (and saved) but the connection is cut before the answer. */
  dropNext(n: number): void;
  /**
   * Holds the next idempotent POST. `execute: 'first'` (default) carries it out and saves the answer, then holds the
   * answer: the effect happened and the caller does not know yet. `'on-release'` holds it before it runs, with its key
   * in flight (a request with that key meanwhile gets a 409).
   */
  hold(options?: { execute?: 'first' | 'on-release' }): Hold;
  stop(): Promise<void>;
}

interface Saved {
  fingerprint: string;
  answer: FakeAnswer | null; // null while the first request runs
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeApi(options: FakeApiOptions): Promise<FakeApi> {
  const calls: RecordedCall[] = [];
  const saved = new Map<string, Saved>();
  let failures: { left: number; status: number } = { left: 0, status: 500 };
  let drops = 0;
  const holds: Array<{ execute: 'first' | 'on-release'; arrived: () => void; released: Promise<void> }> = [];
  const releases: Array<() => void> = []; // every hold's, so stop() lets a held handler finish

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const raw = await readBody(req);
    const { authorization, ...headers } = req.headers;
    const sent = typeof authorization === 'string' ? authorization.replace(/^Bearer /, '') : undefined;
    const body = raw ? options.parseBody(raw, req.headers['content-type']) : null;
    const call: RecordedCall = { method, path, headers: headers as Record<string, string>, authorized: sent === options.credential, body, status: null, replayed: false };
    calls.push(call);
    const key = req.headers['idempotency-key'];
    const answer = (a: FakeAnswer, replayed = false): void => {
      if (drops > 0) {
        drops -= 1;
        req.socket.destroy();
        return;
      }
      call.status = a.status;
      call.replayed = replayed;
      const extra: Record<string, string> = { 'Request-Id': `req_${randomBytes(7).toString('hex')}` };
      if (typeof key === 'string') extra['Idempotency-Key'] = key;
      if (replayed) extra['Idempotent-Replayed'] = 'true';
      res.writeHead(a.status, { 'Content-Type': 'application/json', ...extra }).end(JSON.stringify(a.body));
    };

    if (!call.authorized) return answer(options.unauthorized(sent));
    if (failures.left > 0) {
      failures.left -= 1;
      return answer(options.error(failures.status, 'api_error', undefined, 'An unknown error occurred on our side. Please try again.'));
    }
    const endpoint = options.route(method, path);
    if (!endpoint) return answer(options.error(404, 'invalid_request_error', undefined, `Unrecognized request URL (${method}: ${path}).`));
    if (raw && body === null) return answer(options.error(400, 'invalid_request_error', undefined, 'Invalid request body for this content type.'));
    const refused = endpoint.validate?.(body);
    if (refused) return answer(refused);
    if (method !== 'POST' || typeof key !== 'string') return answer(endpoint.execute(body));

    const fingerprint = canonical({ method, path, body });
    const earlier = saved.get(key);
    if (earlier && earlier.fingerprint !== fingerprint) {
      return answer(options.error(400, 'idempotency_error', undefined,
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`));
    }
    if (earlier && !earlier.answer) {
      return answer(options.error(409, 'idempotency_error', undefined,
        `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`));
    }
    if (earlier?.answer) return answer(earlier.answer, true);

    const entry: Saved = { fingerprint, answer: null };
    saved.set(key, entry);
    const hold = holds.shift();
    if (hold?.execute === 'on-release') {
      hold.arrived();
      await hold.released;
    }
    entry.answer = endpoint.execute(body);
    if (hold?.execute === 'first') {
      hold.arrived();
      await hold.released;
    }
    answer(entry.answer);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    failNext: (n, status = 500) => void (failures = { left: n, status }),
    dropNext: (n) => void (drops = n),
    hold({ execute = 'first' } = {}) {
      let arrived!: () => void;
      let release!: () => void;
      const arrivedP = new Promise<void>((r) => (arrived = r));
      const released = new Promise<void>((r) => (release = r));
      holds.push({ execute, arrived, released });
      releases.push(release);
      return { arrived: arrivedP, release };
    },
    async stop() {
      for (const release of releases) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
