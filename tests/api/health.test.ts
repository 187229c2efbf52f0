import { Client, Connection } from '@temporalio/client';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import mongoose from 'mongoose';
import { createApp } from '../../api/app';
import { startServer } from '../../api/server';
import { MeridianError } from '../../domain/errors';
import { withDatabase } from '../support/database';
import { startConfigApi, testConfig, type ConfigApiHarness } from './config-api.helpers';
import { captureLogger } from '../support/log-capture';
import { freePort } from '../../scripts/stack/free-port';

/** A client that cannot reach any Temporal server (lazy: building it does not fail). */
async function unreachableTemporal(): Promise<{ client: Client; connection: Connection }> {
  const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` }); // a free port: nothing listens
  return { client: new Client({ connection }), connection };
}

/** Routes that fail in the ways the problem middleware must classify. */
function failingRouter(temporal: Client): express.Router {
  const router = express.Router();
  router.get('/mongo-down', () => {
    throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:27017'), { name: 'MongoServerSelectionError' });
  });
  router.get('/mongo-buffering', () => {
    throw new Error('Operation `tickets.findOne()` buffering timed out after 10000ms');
  });
  router.get('/temporal-down', async () => {
    await temporal.connection.withDeadline(Date.now() + 1_500, () => temporal.workflowService.getSystemInfo({}));
  });
  router.get('/bug', () => {
    throw new Error('secret internals: password=hunter2 at /srv/app.js:12');
  });
  router.get('/zod', () => {
    z.strictObject({ amount: z.number() }).parse({ amount: '30' });
  });
  router.get('/meridian', () => {
    throw new MeridianError('TICKET_NOT_FOUND', 'ticket "t-1" not found');
  });
  return router;
}

describe('health, readiness and the HTTP foundation', () => {
  let api: ConfigApiHarness;
  let down: { client: Client; connection: Connection };

  beforeAll(async () => {
    down = await unreachableTemporal();
    api = await startConfigApi([{ path: '/test', router: failingRouter(down.client) }]);
  });
  afterAll(async () => {
    await down.connection.close();
    await api.close();
  });

  it('answers /healthz with ok and the security headers, without x-powered-by', async () => {
    const res = await request(api.app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('gives every response a request id, keeping a safe one the caller sent', async () => {
    const generated = await request(api.app).get('/healthz');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(api.app).get('/healthz').set('X-Request-Id', 'abc-123');
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await request(api.app).get('/healthz').set('X-Request-Id', 'bad id <script>alert(1)</script>');
    expect(replaced.headers['x-request-id']).not.toContain('bad id');
  });

  it('is ready when MongoDB and Temporal both answer', async () => {
    const res = await request(api.app).get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ready', checks: { mongodb: 'up', temporal: 'up' } });
  });

  it('is not ready (503 problem naming temporal) when Temporal is unreachable', async () => {
    const app = createApp({ config: api.config, logger: captureLogger([]), temporal: down.client });
    const started = Date.now();
    const res = await request(app).get('/readyz').expect(503);
    expect(Date.now() - started).toBeLessThan(15_000); // answers, rather than hanging on the client's retries (loose: loaded CI)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toMatchObject({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      checks: { mongodb: 'up', temporal: 'down' },
      down: ['temporal'],
    });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await request(api.app).get('/no/such/route').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://meridian.dev/problems/not-found', status: 404, code: 'NOT_FOUND', instance: '/no/such/route' });
  });

  it('turns MongoDB outages into 503 with Retry-After', async () => {
    for (const path of ['/test/mongo-down', '/test/mongo-buffering']) {
      const res = await request(api.app).get(path).expect(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
      expect(JSON.stringify(res.body)).not.toContain('ECONNREFUSED');
    }
  });

  it('turns an unreachable Temporal into 503 with Retry-After', async () => {
    const res = await request(api.app).get('/test/temporal-down').expect(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('answers an unexpected error with a generic 500 and logs it with its stack', async () => {
    const res = await request(api.app).get('/test/bug').set('X-Request-Id', 'req-bug-1').expect(500);
    expect(res.body).toMatchObject({ code: 'INTERNAL', detail: 'an unexpected error occurred', requestId: 'req-bug-1' });
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|app\.js|secret internals/);
    const logged = api.logs.find((l) => l.includes('req-bug-1') && l.includes('request failed'));
    expect(logged).toBeDefined();
    expect(JSON.parse(logged ?? '{}').err.stack).toContain('secret internals');
  });

  it('answers a ZodError with 400 and a pointer per issue, and a MeridianError with its mapped status', async () => {
    const zod = await request(api.app).get('/test/zod').expect(400);
    expect(zod.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ pointer: '/amount' }] });
    const mapped = await request(api.app).get('/test/meridian').expect(404);
    expect(mapped.body).toMatchObject({ code: 'TICKET_NOT_FOUND', title: 'Ticket not found', detail: 'ticket "t-1" not found' });
  });

  it('logs method, route template and status for each request, never the raw URL or headers', async () => {
    await request(api.app).get('/api/regions/some-region').set('Authorization', 'Bearer mrd_not-a-real-key-but-secret');
    const line = api.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.route === '/api/regions/:id');
    expect(line).toMatchObject({ method: 'GET', status: 401, msg: 'request completed' });
    expect(typeof line?.durationMs).toBe('number');
    expect(api.logs.join('\n')).not.toContain('mrd_not-a-real-key-but-secret');
    expect(api.logs.join('\n')).not.toContain('some-region');
  });
});

describe('OpenAPI document', () => {
  it('is public, valid JSON, OpenAPI 3.1 with components, and lists the configuration routes', async () => {
    const config = testConfig({ MONGODB_URI: 'mongodb://127.0.0.1:1/unused' });
    const { client, connection } = await unreachableTemporal();
    try {
      const app = createApp({ config, logger: captureLogger([]), temporal: client });
      const res = await request(app).get('/openapi.json').expect(200).expect('Content-Type', /application\/json/);
      const doc = JSON.parse(res.text) as {
        openapi: string;
        paths: Record<string, Record<string, { security: unknown[]; requestBody?: unknown; parameters: Array<{ name: string; in: string }> }>>;
        components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
      };
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.components.schemas.Problem).toBeDefined();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/healthz',
          '/readyz',
          '/openapi.json',
          '/api/regions',
          '/api/regions/{id}',
          '/api/departments',
          '/api/departments/{id}',
          '/api/sla-policies',
          '/api/sla-policies/{id}',
          '/api/triage-rules',
          '/api/processes',
          '/api/processes/{id}',
          '/api/processes/{id}/versions/{version}',
          '/api/api-keys',
          '/api/api-keys/{id}',
        ]),
      );
      const putRegion = doc.paths['/api/regions/{id}']?.put;
      expect(putRegion?.security).toEqual([{ apiKey: [] }]);
      expect(putRegion?.requestBody).toBeDefined();
      expect(putRegion?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path' }), expect.objectContaining({ name: 'if-match', in: 'header' })]));
      expect(doc.paths['/healthz']?.get?.security).toEqual([]);
    } finally {
      await connection.close();
    }
  });
});

describe('readiness without a database', () => {
  it('is not ready (503 naming mongodb) while mongoose is disconnected', async () => {
    const config = testConfig({ MONGODB_URI: 'mongodb://127.0.0.1:1/unused' });
    const connection = await Connection.connect({ address: config.temporal.address });
    try {
      const app = createApp({ config, logger: captureLogger([]), temporal: new Client({ connection }) });
      const res = await request(app).get('/readyz').expect(503);
      expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', checks: { mongodb: 'down', temporal: 'up' } });
    } finally {
      await connection.close();
    }
  });
});

describe('startServer', () => {
  it('connects both dependencies, listens on a free port, serves readiness and closes cleanly', async () => {
    const uri = withDatabase(process.env.MONGODB_URI ?? '', `t_server_${process.pid}`);
    const config = testConfig({ MONGODB_URI: uri, HTTP_PORT: '0' });
    const server = await startServer(config, captureLogger([]));
    try {
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ checks: { mongodb: 'up', temporal: 'up' } });
      const indexes = await mongoose.connection.collection('api_keys').indexes();
      expect(indexes.map((i) => i.name)).toContain('hash_1');
      await mongoose.connection.dropDatabase();
    } finally {
      await server.close();
    }
    expect(mongoose.connection.readyState).toBe(0);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
