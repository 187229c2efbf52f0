import { z } from 'zod';
import type { CliConfig } from '../config/cli-config';
import { CliError } from './cli-io';
import type { RemoteProblem } from './process-target';

const REQUEST_TIMEOUT_MS = 30_000;

/** An answer the command has to judge: 2xx with JSON, or a 4xx problem other than 401, 403 and 429. */
export interface ApiResponse {
  status: number;
  body: unknown;
}

export interface ApiClient {
  get(path: string): Promise<ApiResponse>;
  post(path: string, body: unknown): Promise<ApiResponse>;
}

/** The API's problem documents (api/middleware/problem.ts), as far as the CLI reads them. */
const ProblemSchema = z.object({
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  errors: z.array(z.object({ pointer: z.string(), message: z.string() })).default([]),
});

/** The body as a problem, or null when it is not one. */
export function asProblem(body: unknown): RemoteProblem | null {
  const parsed = ProblemSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

/** The server as the user may see it: without credentials a URL might carry. */
function shownUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.username = '';
  url.password = '';
  return url.toString().replace(/\/$/, '');
}

/** Why the server could not be reached, in the user's terms. */
function unreachable(server: string, err: unknown): CliError {
  if (err instanceof Error && err.name === 'TimeoutError') return new CliError(`Meridian at ${server} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`);
  // fetch fails with "fetch failed"; the reason is its cause (an AggregateError when every address of a host refused).
  const cause = (err as { cause?: { code?: unknown; message?: unknown; errors?: Array<{ code?: unknown }> } }).cause;
  const code = String(cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (err instanceof Error ? err.message : err));
  const hint = 'Is it running (npm start)? Point --server or MERIDIAN_URL at it.';
  if (code === 'ECONNREFUSED') return new CliError(`cannot reach Meridian at ${server}: connection refused. ${hint}`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new CliError(`cannot reach Meridian at ${server}: host not found. ${hint}`);
  return new CliError(`cannot reach Meridian at ${server}: ${code}`);
}

/** Answers no command can go on from, as errors that say what to do. */
function refusal(server: string, path: string, res: Response, body: unknown): CliError | null {
  const problem = asProblem(body);
  const what = problem ? `${res.status} ${problem.code}: ${problem.detail}` : `${res.status}`;
  if (res.status === 401) return new CliError(`the server refused the API key (${what}); set MERIDIAN_API_KEY to an active ops or admin key`);
  if (res.status === 403) return new CliError(`the API key may not manage processes (${what}); use an ops or admin key`);
  if (res.status === 429) return new CliError(`too many requests (${what}); retry in ${res.headers.get('retry-after') ?? '60'} s`);
  if (res.status >= 500) return new CliError(`the server could not answer (${what})`);
  if (!problem && !(res.ok && body !== undefined)) {
    const type = res.headers.get('content-type') ?? 'no content type';
    return new CliError(`unexpected answer from ${server}${path} (${res.status}, ${type}): is ${server} a Meridian API?`);
  }
  return null;
}

async function readJson(res: Response): Promise<unknown> {
  if (!/json/i.test(res.headers.get('content-type') ?? '')) return undefined;
  try {
    return await res.json();
  } catch {
    return undefined;
  }
}

/** A client of the API with the configured key; refuses to start without one (never printing it). */
export function createApiClient(config: CliConfig, fetchImpl: typeof fetch = fetch): ApiClient {
  const { apiKey } = config;
  if (!apiKey) {
    throw new CliError(
      'MERIDIAN_API_KEY is not set: export an ops or admin API key (npm start saves the admin key to ~/.cache/meridian/bootstrap-admin-key)',
    );
  }
  const server = shownUrl(config.serverUrl);
  const request = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResponse> => {
    let res: Response;
    try {
      res = await fetchImpl(`${config.serverUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw unreachable(server, err);
    }
    const json = await readJson(res);
    const refused = refusal(server, path, res, json);
    if (refused) throw refused;
    return { status: res.status, body: json };
  };
  return { get: (path) => request('GET', path), post: (path, body) => request('POST', path, body) };
}
