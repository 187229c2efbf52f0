/** A minimal keep-alive HTTP client for the load loops (lighter than fetch on the shared event loop). */
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface HttpResponse {
  status: number;
  body: string;
}

/** Sends one request to `baseUrl + path` and resolves with the status and the whole body as text. */
export function httpRequest(baseUrl: string, method: string, path: string, json?: unknown, headers: Record<string, string> = {}): Promise<HttpResponse> {
  const payload = json === undefined ? undefined : JSON.stringify(json);
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** POSTs exactly these bytes (a signed webhook delivery: the signature is over them). */
export function httpPostRaw(baseUrl: string, path: string, raw: string, headers: Record<string, string>): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, baseUrl), { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(raw) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(raw);
  });
}

/** Closes the idle keep-alive sockets, so the process can exit. */
export function closeHttpClient(): void {
  agent.destroy();
}

/** Throws with the start of the body when a response has another status than expected. */
export function expectStatus(status: number, expected: number, body: string, what: string): void {
  if (status !== expected) throw new Error(`${what}: expected ${expected}, got ${status} ${body.slice(0, 300)}`);
}
