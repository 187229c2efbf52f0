/**
 * The soak's HTTP client, retrying as the API documents: a 503 or a dropped connection is tried again with the same
 * Idempotency-Key until it is answered. Other 5xx are retried too but counted, since the API should not give them.
 */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

export interface HttpStats {
  requests: number;
  retried: number;
  /** 5xx answers other than 503 (a server error the API should not give while a backing service is down). */
  unexpected5xx: number;
}

export interface SoakHttp {
  stats: HttpStats;
  /** Sends until answered with a status below 500 or `giveUpAfterMs` passes (then throws). */
  send(method: 'GET' | 'POST', path: string, options?: { body?: unknown; key?: string; auth?: string }): Promise<ApiAnswer>;
}

const ATTEMPT_TIMEOUT_MS = 30_000;

/** A client of the API at `baseUrl`. */
export function soakHttp(baseUrl: string, giveUpAfterMs: number): SoakHttp {
  const stats: HttpStats = { requests: 0, retried: 0, unexpected5xx: 0 };
  async function once(method: string, path: string, options: { body?: unknown; key?: string; auth?: string }): Promise<ApiAnswer | null> {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.key) headers['idempotency-key'] = options.key;
    if (options.auth) headers.authorization = `Bearer ${options.auth}`;
    stats.requests += 1;
    try {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      const text = await res.text();
      if (res.status >= 500 && res.status !== 503) stats.unexpected5xx += 1;
      if (res.status >= 500) return null;
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
    } catch {
      return null; // connection refused or dropped, or no answer in time: the request may or may not have been applied
    }
  }
  return {
    stats,
    async send(method, path, options = {}) {
      const deadline = Date.now() + giveUpAfterMs;
      for (let attempt = 1; ; attempt += 1) {
        const answer = await once(method, path, options);
        if (answer) return answer;
        if (Date.now() > deadline) throw new Error(`${method} ${path}: no answer below 500 after ${attempt} attempts`);
        stats.retried += 1;
        await new Promise((r) => setTimeout(r, Math.min(500 * attempt, 5_000) * (0.5 + Math.random())));
      }
    },
  };
}
