import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createLogger } from '../../config/logger';
import { startHarness, eventually, type Harness } from '../support/harness';
import { metricValue, samplesOf } from '../support/metrics';
import { act, openTicket, ticketBody, ticketWhen } from '../support/tickets';

const METRICS_TOKEN = randomBytes(24).toString('hex');
const MINUTE = 60_000;

/** What Prometheus sees when it scrapes the app with the token. */
async function scrape(h: Harness): Promise<string> {
  const res = await request(h.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
  expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  return res.text;
}

describe('GET /metrics (real worker, real database)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { METRICS_TOKEN } });
  });
  afterAll(async () => h?.stop());

  it('is served only to the bearer of METRICS_TOKEN, and is off (404) when no token is configured', async () => {
    const anonymous = await request(h.app).get('/metrics').expect(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="meridian"');
    expect(anonymous.text).not.toContain('meridian_http_request_duration_seconds');
    await request(h.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`).expect(401);
    await request(h.app).get('/metrics').set('Authorization', `Bearer ${h.adminKey}`).expect(401); // an API key is not the token
    const parameters = await request(h.app).get('/metrics?name[]=x').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(400);
    expect(parameters.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ pointer: '/query' }] });

    const off = createApp({ config: { ...h.config, metrics: { token: undefined, worker: undefined } }, logger: createLogger({ level: 'silent' }), temporal: h.client });
    const res = await request(off).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', detail: 'metrics are off: set METRICS_TOKEN to turn them on' });
  });

  it('times requests by route template and status, never by raw URL, and intake and tracking by outcome', async () => {
    const key = randomUUID();
    const body = ticketBody();
    const opened = await openTicket(h, body, key);
    await request(h.app).post('/api/tickets').set('Idempotency-Key', key).send(body).expect(201); // a client's retry
    await request(h.app).get(`/api/track/${opened.queryCode}`).expect(200);
    await request(h.app).get('/api/track/MRD-7K3Q-9XZP-4F2M').expect(404);
    await request(h.app).get(`/api/tickets/${opened.id}`).set('Authorization', `Bearer ${h.adminKey}`).expect(200);
    await request(h.app).get(`/api/tickets/${opened.id}`).expect(401);
    await request(h.app).get(`/no/such/${opened.id}`).expect(404);

    const text = await scrape(h);
    const requests = (route: string, status: string, method = 'GET') =>
      metricValue(text, 'meridian_http_request_duration_seconds_count', { method, route, status });
    expect(requests('/api/tickets', '201', 'POST')).toBe(2);
    expect(requests('/api/tickets/:id', '200')).toBe(1);
    expect(requests('/api/tickets/:id', '401')).toBe(1);
    expect(requests('/api/track/:code', '200')).toBe(1);
    expect(requests('/api/track/:code', '404')).toBe(1);
    expect(requests('unmatched', '404')).toBe(1);
    // Route templates only: no ticket id, query code or unknown path becomes a label (bounded, and no secrets).
    expect(text).not.toContain(opened.id);
    expect(text).not.toContain(opened.queryCode);
    expect(text).not.toContain('MRD-7K3Q');
    const routes = new Set(samplesOf(text, 'meridian_http_request_duration_seconds_count').map((s) => s.labels.route));
    for (const route of routes) expect(route === 'unmatched' || route!.startsWith('/')).toBe(true);

    expect(metricValue(text, 'meridian_intake_duration_seconds_count', { outcome: 'created' })).toBe(1);
    expect(metricValue(text, 'meridian_intake_duration_seconds_count', { outcome: 'replayed' })).toBe(1);
    expect(metricValue(text, 'meridian_tracking_duration_seconds_count', { outcome: 'found' })).toBe(1);
    expect(metricValue(text, 'meridian_tracking_duration_seconds_count', { outcome: 'not_found' })).toBe(1);
    // A histogram: cumulative buckets ending in +Inf, which holds every observation.
    const buckets = samplesOf(text, 'meridian_intake_duration_seconds_bucket', { outcome: 'created' });
    expect(buckets.at(-1)).toMatchObject({ labels: { le: '+Inf' }, value: 1 });
    expect(buckets.map((b) => b.value)).toEqual([...buckets.map((b) => b.value)].sort((a, b) => a - b));
  });

  it("shows the worker's event writes and an empty outbox once a ticket has gone through its lifecycle", async () => {
    const before = metricValue(await scrape(h), 'meridian_event_write_duration_seconds_count', { outcome: 'stored' });
    const opened = await openTicket(h);
    const t = await ticketWhen(opened.id, (x) => x.status === 'assigned');
    await act(h, opened.id, 'replies', { body: 'We are looking into it.' }).expect(200);
    await act(h, opened.id, 'complete', { taskId: t.task!.taskId, outcome: 'done' }).expect(200);
    await ticketWhen(opened.id, (x) => x.status === 'resolved');

    // Every mail of the ticket (acknowledgement, the reply, resolution) sent: nothing left in the outbox.
    const text = await eventually(async () => {
      const scraped = await scrape(h);
      const backlog = samplesOf(scraped, 'meridian_email_outbox_backlog');
      return backlog.length === 2 && backlog.every((s) => s.value === 0) ? scraped : undefined;
    });
    expect(samplesOf(text, 'meridian_email_outbox_backlog').map((s) => s.labels.state).sort()).toEqual(['pending', 'sending']);
    // created, triaged, task, reply, task completed, resolved: at least one write, each one timed.
    expect(metricValue(text, 'meridian_event_write_duration_seconds_count', { outcome: 'stored' })).toBeGreaterThan(before);
    expect(metricValue(text, 'meridian_event_write_duration_seconds_count', { outcome: 'failed' })).toBe(0);
    expect(metricValue(text, 'meridian_escalations_total')).toBe(0);
  });

  it('is in the OpenAPI document with its own bearer scheme', async () => {
    const doc = (await request(h.app).get('/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { security: unknown[]; responses: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.paths['/metrics']?.get?.security).toEqual([{ metricsToken: [] }]);
    expect(Object.keys(doc.paths['/metrics']?.get?.responses ?? {})).toEqual(['200', '400', '401', '404']);
    expect(doc.components.securitySchemes.metricsToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

// Hour-scale targets; deadlines are reached by skipping time, so nothing depends on the machine being fast.
describe('SLA and escalation metrics (time-skipping server)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      timeSkipping: true,
      env: { METRICS_TOKEN },
      sla: {
        targets: { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 600 },
        ladder: [
          { afterMinutes: 0, actions: [{ type: 'notify_assignee' }] },
          { afterMinutes: 30, actions: [{ type: 'reassign_to_lead' }, { type: 'raise_priority' }] },
        ],
      },
    });
  });
  afterAll(async () => h?.stop());

  it('counts escalations by level and how late each breach was recorded after its deadline', async () => {
    const { id } = await openTicket(h);
    await ticketWhen(id, (t) => t.status === 'assigned');
    const levels = (text: string, level: string) => metricValue(text, 'meridian_escalations_total', { clock: 'firstResponse', level, outcome: 'applied' });

    await h.skipTime(61 * MINUTE); // breached at 60 min, level 0 notifies the assignee
    await ticketWhen(id, (t) => t.sla.firstResponse?.escalationLevel === 0);
    let text = await eventually(async () => {
      const scraped = await scrape(h);
      return levels(scraped, '0') === 1 ? scraped : undefined;
    });
    expect(levels(text, '1')).toBe(0);
    expect(metricValue(text, 'meridian_sla_breach_lateness_seconds_count', { clock: 'firstResponse' })).toBe(1);
    // Measured from the deadline on Temporal's clock: never negative, and nowhere near the hour since the ticket opened.
    const lateness = metricValue(text, 'meridian_sla_breach_lateness_seconds_sum', { clock: 'firstResponse' });
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(metricValue(text, 'meridian_sla_breach_lateness_seconds_bucket', { clock: 'firstResponse', le: '300' })).toBe(1);

    await h.skipTime(30 * MINUTE); // 91 min: level 1 hands the task to the lead
    await ticketWhen(id, (t) => t.sla.firstResponse?.escalationLevel === 1);
    text = await eventually(async () => {
      const scraped = await scrape(h);
      return levels(scraped, '1') === 1 ? scraped : undefined;
    });
    expect(levels(text, '0')).toBe(1);
    expect(metricValue(text, 'meridian_sla_breach_lateness_seconds_count', { clock: 'firstResponse' })).toBe(1); // one breach, two levels
  });
});
