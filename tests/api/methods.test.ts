import request from 'supertest';
import { expectProblem, startConfigApi, type ConfigApiHarness } from './config-api.helpers';

/** Undeclared methods on documented paths: 405 with Allow (RFC 9110 §15.5.6), never the 404 of an unknown path. */
describe('methods a documented path does not have', () => {
  let api: ConfigApiHarness;
  beforeAll(async () => {
    api = await startConfigApi();
  });
  afterAll(async () => api?.close());

  it.each([
    ['TRACE', '/api/regions', 'GET, HEAD'],
    ['DELETE', '/api/regions/some-region', 'GET, HEAD, PUT'],
    ['PATCH', '/API/Regions/some-region/', 'GET, HEAD, PUT'], // routed as Express routes: any case, a trailing slash
    ['GET', '/api/tickets', 'POST'],
    ['PUT', '/api/track/MRD-7K3Q-9XZP-4F2M/messages', 'GET, HEAD, POST'],
    ['DELETE', '/openapi.json', 'GET, HEAD'],
  ])('answers %s %s with 405 and Allow: %s, as a problem, before authentication', async (method, path, allow) => {
    const res = await request(api.app)[method.toLowerCase() as 'get'](path);
    expectProblem(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.allow).toBe(allow);
  });

  it('answers HEAD on a path without GET with 405 and no body', async () => {
    const res = await request(api.app).head('/api/tickets');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
  });

  it('leaves unknown paths to the 404 and OPTIONS to Express (200 with Allow)', async () => {
    expectProblem(await request(api.app).trace('/api/nothing-here'), 404, 'NOT_FOUND');
    const options = await request(api.app).options('/api/regions');
    expect(options.status).toBe(200);
    expect(options.headers.allow).toBe('GET, HEAD');
  });
});
