import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, isPortFree } from '../../scripts/stack/free-port';
import { binDir } from '../../scripts/stack/paths';
import { eventually } from '../support/harness';
import { metricValue, parseMetrics, samplesOf } from '../support/metrics';
import { childrenOf, processGroup } from '../support/processes';

const ROOT = path.resolve(__dirname, '../..');
const START_TIMEOUT_MS = 120_000;

interface RunningStart {
  /** The `npm start` process; it leads its own process group, which holds everything it started. */
  npm: ChildProcess;
  output(): string;
  ports: number[];
  apiUrl: string;
}

/** `npm start` with its own cache dir (binaries shared) and HTTP port, in a new process group; resolves at the banner. */
async function npmStart(cacheDir: string, extraEnv: Record<string, string> = {}): Promise<RunningStart> {
  const { TEMPORAL_ADDRESS: _t, MONGODB_URI: _m, MERIDIAN_SECRET: _s, ...env } = process.env;
  const httpPort = await freePort();
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...env, ...extraEnv, MERIDIAN_CACHE_DIR: cacheDir, HTTP_PORT: String(httpPort), INBOUND_SMTP_PORT: String(await freePort()) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await eventually(async () => {
    if (npm.exitCode !== null) throw new Error(`npm start exited with ${npm.exitCode}:\n${output}`);
    return output.includes('Ctrl-C stops everything');
  }, START_TIMEOUT_MS, 250);
  const temporal = /Temporal {6}127\.0\.0\.1:(\d+)/.exec(output)?.[1];
  const database = /Database {6}mongodb:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1];
  return { npm, output: () => output, ports: [httpPort, Number(temporal), Number(database)], apiUrl: `http://127.0.0.1:${httpPort}` };
}

/** The bootstrap.mjs process under npm start (npm → sh -c → node scripts/bootstrap.mjs start). */
function bootstrapPid(npmPid: number): number {
  const [bootstrap] = childrenOf(npmPid).flatMap(childrenOf);
  if (!bootstrap) throw new Error('no bootstrap process under npm start');
  return bootstrap;
}

async function expectEverythingStopped(start: RunningStart): Promise<void> {
  await eventually(async () => processGroup(start.npm.pid!).length === 0, 10_000, 200);
  for (const port of start.ports) expect(await isPortFree(port)).toBe(true);
}

/** What bootstrap.mjs checks before it runs `npm ci`: this test must not reinstall node_modules under jest. */
async function nodeModulesUpToDate(): Promise<boolean> {
  const [marker, lock] = await Promise.all(['node_modules/.package-lock.json', 'package-lock.json'].map((f) => fs.stat(path.join(ROOT, f))));
  return marker!.mtimeMs >= lock!.mtimeMs;
}

describe('npm start', () => {
  let cacheDir: string;
  let running: RunningStart | undefined;
  beforeAll(async () => {
    if (!(await nodeModulesUpToDate())) throw new Error('node_modules is older than package-lock.json: run `npm ci` (npm test does) first');
  });
  beforeEach(async () => {
    cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-start-'));
    await fs.symlink(binDir(), path.join(cacheDir, 'bin')); // the built Temporal and FerretDB, no rebuild
  });
  afterEach(async () => {
    if (running?.npm.pid) {
      try {
        process.kill(-running.npm.pid, 'SIGKILL'); // whatever a failed test left in its process group
      } catch {
        // the group is empty
      }
    }
    running = undefined;
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('names the Temporal address and the database URI, and puts the admin key in a private file instead of the output', async () => {
    running = await npmStart(cacheDir);
    const keyFile = path.join(cacheDir, 'bootstrap-admin-key');

    expect(running.output()).toMatch(/temporal workflow list --address 127\.0\.0\.1:\d+/);
    expect(running.output()).toMatch(/shell: mongosh "mongodb:\/\/127\.0\.0\.1:\d+\/meridian"/);
    expect(running.output()).toContain(`Admin API key: created and saved to ${keyFile}`);
    expect((await fs.stat(keyFile)).mode & 0o777).toBe(0o600);
    const key = (await fs.readFile(keyFile, 'utf8')).trim();
    expect(running.output()).not.toContain(key);
    const keys = await fetch(`${running.apiUrl}/api/api-keys`, { headers: { authorization: `Bearer ${key}` } });
    expect(keys.status).toBe(200);

    process.kill(running.npm.pid!, 'SIGTERM');
    await expectEverythingStopped(running);
  });

  it("with METRICS_TOKEN, serves the API's, the worker's and the Temporal SDK's metrics of its one process at /metrics", async () => {
    const token = randomBytes(24).toString('hex');
    running = await npmStart(cacheDir, { METRICS_TOKEN: token });
    const { apiUrl } = running;
    expect((await fetch(`${apiUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${apiUrl}/metrics`)).status).toBe(401);

    // The worker's pollers report to the SDK's exporter as soon as they run; wait for them, not for a time.
    const text = await eventually(async () => {
      const body = await (await fetch(`${apiUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
      return parseMetrics(body).some((s) => s.name.startsWith('temporal_')) ? body : undefined;
    }, START_TIMEOUT_MS, 250);
    expect(metricValue(text, 'meridian_http_request_duration_seconds_count', { method: 'GET', route: '/healthz', status: '200' })).toBe(1);
    expect(samplesOf(text, 'meridian_email_outbox_backlog', { state: 'pending' })).toHaveLength(1);
    expect(running.output()).not.toContain(token);

    process.kill(running.npm.pid!, 'SIGTERM');
    await expectEverythingStopped(running);
  });

  it.each([
    ['npm', 'SIGKILL'],
    ['bootstrap', 'SIGINT'],
    ['bootstrap', 'SIGTERM'],
    ['bootstrap', 'SIGKILL'],
  ] as const)('stops the API, the worker, Temporal and the database within seconds when %s alone gets %s', async (target, signal) => {
    running = await npmStart(cacheDir);

    process.kill(target === 'npm' ? running.npm.pid! : bootstrapPid(running.npm.pid!), signal);

    await expectEverythingStopped(running);
  });
});
