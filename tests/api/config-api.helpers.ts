/** Shared set-up for the HTTP foundation and configuration API tests: real FerretDB, real Temporal client. */
import { Client, Connection } from '@temporalio/client';
import type express from 'express';
import request from 'supertest';
import { createApp, type AppDeps } from '../../api/app';
import { createApiKey } from '../../api/middleware/auth';
import { loadConfig, type Config } from '../../config/config';
import { ensureModelIndexes } from '../../models/index-migration';
import { createDataConverter } from '../../temporal/data-converter';
import { connectTestDatabase, type TestDatabase } from '../support/database';
import { captureLogger } from '../support/log-capture';

export interface ConfigApiHarness {
  app: express.Express;
  config: Config;
  db: TestDatabase;
  temporal: Client;
  /** Every log line the app wrote, as text. */
  logs: string[];
  keys: { admin: string; ops: string };
  close(): Promise<void>;
}

/** A config with the test servers' addresses (the jest global setup sets them and MERIDIAN_SECRET). */
export function testConfig(overrides: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({ ...process.env, LOG_LEVEL: 'info', ...overrides });
}


/** Connects a fresh database and a Temporal client, and builds the app with an admin and an ops key. */
export async function startConfigApi(extraRouters: AppDeps['extraRouters'] = []): Promise<ConfigApiHarness> {
  const db = await connectTestDatabase();
  await ensureModelIndexes();
  const config = testConfig({ MONGODB_URI: db.uri });
  const connection = await Connection.connect({ address: config.temporal.address });
  const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter: createDataConverter(config) });
  const logs: string[] = [];
  const app = createApp({ config, logger: captureLogger(logs), temporal, extraRouters });
  const admin = await createApiKey({ name: 'test admin', role: 'admin' }, config.secret);
  const ops = await createApiKey({ name: 'test ops', role: 'ops' }, config.secret);
  return {
    app,
    config,
    db,
    temporal,
    logs,
    keys: { admin: admin.key, ops: ops.key },
    async close() {
      await connection.close();
      await db.disconnect();
    },
  };
}

/** `Authorization` header value for a key. */
export function bearer(key: string): string {
  return `Bearer ${key}`;
}

/** Requests made with one API key (default: the ops key). */
export function caller(api: ConfigApiHarness, key = api.keys.ops) {
  const auth = bearer(key);
  return {
    get: (path: string) => request(api.app).get(path).set('Authorization', auth),
    put: (path: string, body: unknown) => request(api.app).put(path).set('Authorization', auth).send(body as object),
    post: (path: string, body: unknown) => request(api.app).post(path).set('Authorization', auth).send(body as object),
    delete: (path: string) => request(api.app).delete(path).set('Authorization', auth),
  };
}

/**
 * Starts the config API before a test file's tests and closes it after them. Requests go with the ops key;
 * `harness()` is the running API (available inside tests, not at the top level of the file).
 */
export function useConfigApi() {
  let api: ConfigApiHarness | undefined;
  beforeAll(async () => {
    api = await startConfigApi();
  });
  afterAll(async () => {
    await api?.close();
  });
  const harness = (): ConfigApiHarness => {
    if (!api) throw new Error('the config API is not started yet');
    return api;
  };
  const put = (path: string, body: unknown) => caller(harness()).put(path, body);
  return {
    harness,
    put,
    post: (path: string, body: unknown) => caller(harness()).post(path, body),
    get: (path: string) => caller(harness()).get(path),
    /** Creates a region (201) and returns its id. */
    async createRegion(id = uid('region')): Promise<string> {
      await put(`/api/regions/${id}`, regionBody(id)).expect(201);
      return id;
    },
    /** Creates a department (201) and returns its id. */
    async createDepartment(id = uid('dept')): Promise<string> {
      await put(`/api/departments/${id}`, departmentBody(id)).expect(201);
      return id;
    },
  };
}

/** Asserts a problem document with `status`, `code` and (optionally) an error at `pointer`. */
export function expectProblem(res: request.Response, status: number, code: string, pointer?: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: `https://meridian.dev/problems/${code.toLowerCase().replace(/_/g, '-')}` });
  if (pointer) expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer })]));
}

let seq = 0;
/** A fresh slug per call, so tests never share objects. */
export const uid = (prefix: string): string => `${prefix}-${process.pid}-${(seq += 1)}`;

const office = { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] };

/** A valid region body. */
export function regionBody(id: string, timeZone = 'Europe/Berlin') {
  return { id, name: `Region ${id}`, calendar: { timeZone, weeklyHours: office, holidays: [{ date: '2026-12-25', name: 'Christmas' }] } };
}

/** A valid department body with one member, "ana", who leads it. */
export function departmentBody(id: string, extra: Record<string, unknown> = {}) {
  const member = { id: 'ana', name: 'Ana', email: 'ana@example.com', languages: ['en'], shift: { timeZone: 'America/New_York', weeklyHours: office } };
  return { id, name: `Department ${id}`, members: [member], leadId: 'ana', ...extra };
}

export const TARGETS = { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 480 };

/** A valid SLA policy body for a region. */
export function policyBody(id: string, regionId: string, extra: Record<string, unknown> = {}) {
  return { id, name: `Policy ${id}`, regionId, targets: { low: TARGETS, normal: TARGETS, high: TARGETS, urgent: TARGETS }, ...extra };
}

/** A valid one-step process body. */
export function processBody(id: string, departmentId: string, title = 'Answer the customer') {
  return { id, name: `Process ${id}`, steps: [{ id: 'answer', type: 'task', title, departmentId }] };
}
