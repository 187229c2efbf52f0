import { randomBytes } from 'node:crypto';
import { eventually, startHarness, type Harness } from '../support/harness';
import { metricValue, parseMetrics } from '../support/metrics';
import { openTicket, ticketWhen } from '../support/tickets';
import { startWorkerProcess, workerEnv, type WorkerProcess } from '../support/worker-process';

const METRICS_TOKEN = randomBytes(24).toString('hex');

/** The URL the worker logged for its metrics endpoint (it listens on a port the system chose). */
function metricsUrlOf(worker: WorkerProcess): string {
  const url = /"url":"(http:\/\/[^"]+\/metrics)"/.exec(worker.output())?.[1];
  if (!url) throw new Error(`the worker logged no metrics URL:\n${worker.output().slice(-2000)}`);
  return url;
}

function scrape(url: string, token?: string): Promise<Response> {
  return fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

describe('a worker process with WORKER_METRICS_ADDRESS', () => {
  let h: Harness;
  let worker: WorkerProcess | undefined;
  let url: string;
  beforeAll(async () => {
    h = await startHarness({ worker: false });
    worker = await startWorkerProcess(
      { ...workerEnv(h), METRICS_TOKEN, WORKER_METRICS_ADDRESS: '127.0.0.1:0' },
      { readyTimeoutMs: 120_000 }, // a loaded machine starts tsx slowly; nothing here is timed
    );
    url = metricsUrlOf(worker);
  }, 180_000);
  afterAll(async () => {
    await worker?.stop();
    await h?.stop();
  });

  it('answers only the bearer of METRICS_TOKEN', async () => {
    const anonymous = await scrape(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="meridian"');
    expect(await anonymous.text()).not.toContain('meridian_');
    expect((await scrape(url, `${METRICS_TOKEN}x`)).status).toBe(401);
    expect((await scrape(url.replace(/\/metrics$/, '/'), METRICS_TOKEN)).status).toBe(404);
  });

  it("serves Meridian's worker metrics and the Temporal SDK's own in one scrape, each name declared once", async () => {
    const opened = await openTicket(h);
    await ticketWhen(opened.id, (t) => t.status === 'assigned', 60_000);

    const text = await eventually(async () => {
      const res = await scrape(url, METRICS_TOKEN);
      const body = await res.text();
      const tasks = metricValue(body, 'temporal_workflow_task_execution_latency_seconds_count');
      return res.status === 200 && tasks > 0 && metricValue(body, 'temporal_activity_execution_latency_seconds_count') > 0 ? body : undefined;
    }, 60_000);

    // Ours: the ticket's events were written by this process, and the outbox was counted for this scrape.
    expect(metricValue(text, 'meridian_event_write_duration_seconds_count', { outcome: 'stored' })).toBeGreaterThan(0);
    expect(parseMetrics(text).filter((s) => s.name === 'meridian_email_outbox_backlog').map((s) => s.labels.state).sort()).toEqual(['pending', 'sending']);
    expect(metricValue(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    // The SDK's, in seconds and labelled by task queue (never by workflow id or ticket).
    const sdk = parseMetrics(text).filter((s) => s.name.startsWith('temporal_'));
    expect(sdk.some((s) => s.labels.task_queue === h.config.temporal.taskQueue)).toBe(true);
    expect(text).not.toContain(opened.id);
    expect(text).not.toContain(opened.queryCode);
    // Two exporters in one answer: a name declared twice would make Prometheus reject the scrape.
    const declared = text.split('\n').filter((line) => line.startsWith('# TYPE ')).map((line) => line.split(' ')[2]);
    expect(declared.length).toBeGreaterThan(0);
    expect(new Set(declared).size).toBe(declared.length);
  });
});
