import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { claimDataDir } from '../../scripts/stack/data-dir-lock';
import { freePort, isPortFree } from '../../scripts/stack/free-port';
import { processIdentity } from '../../scripts/stack/process-identity';
import { DataDirInUseError } from '../../scripts/stack/stack-errors';
import { startEmbeddedStack } from '../../scripts/stack/stack';
import { eventually } from '../support/harness';
import { killAll, processesMentioning } from '../support/processes';

const ROOT = path.resolve(__dirname, '../..');
const quiet = () => undefined;

/** The environment without the test servers jest's global setup exported, so the stack starts its own. */
function ownServersEnv(): NodeJS.ProcessEnv {
  const { TEMPORAL_ADDRESS: _t, MONGODB_URI: _m, ...env } = process.env;
  return env;
}

async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  const lines = readline.createInterface({ input: stream });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new Error('the process ended without printing a line');
}

/** Starts the embedded stack in a separate process (tests/support/stack-child.ts) and waits for its ports. */
async function stackInChild(dataDir: string): Promise<{ child: ChildProcess; ports: number[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/stack-child.ts', dataDir], {
    cwd: ROOT,
    env: ownServersEnv(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = JSON.parse(await firstLine(child.stdout!)) as { temporalAddress: string; mongoUri: string };
  const ports = [started.temporalAddress, started.mongoUri].map((address) => Number(/:(\d+)$/.exec(address)?.[1]));
  return { child, ports };
}

/** A process that only holds a port, standing in for a server a crashed start left running. */
async function portHolder(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${port}, '127.0.0.1')`], { stdio: 'ignore' });
  await eventually(async () => !(await isPortFree(port)), 10_000);
  return child;
}

/** The pid and identity of a process that has exited since. */
async function exitedProcess(): Promise<{ pid: number; identity: string }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('spawn', resolve));
  const identity = processIdentity(child.pid!)!;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return { pid: child.pid!, identity };
}

function exitSignal(child: ChildProcess): Promise<NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
}

describe('embedded stack lifetime', () => {
  let dataDir: string;
  const spawned: ChildProcess[] = [];
  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-lifetime-'));
  });
  afterEach(async () => {
    killAll([...spawned.splice(0).map((c) => c.pid ?? 0), ...processesMentioning(dataDir)].filter(Boolean));
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('stops Temporal and the database within seconds when the process that started them is killed with SIGKILL', async () => {
    const { child, ports } = await stackInChild(dataDir);
    spawned.push(child);
    // Temporal's SQLite file, FerretDB's state and (when it runs) PostgreSQL's cluster live there.
    expect(processesMentioning(dataDir).length).toBeGreaterThanOrEqual(2);
    for (const port of ports) expect(await isPortFree(port)).toBe(false);

    child.kill('SIGKILL');

    await eventually(async () => processesMentioning(dataDir).length === 0, 5_000);
    for (const port of ports) expect(await isPortFree(port)).toBe(true);
  });

  it('refuses a second start on a data directory whose first start still runs', async () => {
    const stack = await startEmbeddedStack({ dataDir, persistent: true, env: ownServersEnv(), log: quiet });
    try {
      const second = startEmbeddedStack({ dataDir, persistent: true, env: ownServersEnv(), log: quiet });

      await expect(second).rejects.toThrow(DataDirInUseError);
      await expect(second).rejects.toThrow(`${dataDir} is in use by another Meridian process (pid ${process.pid})`);
    } finally {
      await stack.stop();
    }
  });

  it('stops the servers a dead start left running, each with its own stop signal, but never a process that merely got a recorded pid', async () => {
    const [port, dbPort, owner] = [await freePort(), await freePort(), await exitedProcess()];
    const [leftover, leftoverDb] = [await portHolder(port), await portHolder(dbPort)];
    const stranger = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    spawned.push(leftover, leftoverDb, stranger);
    await new Promise((resolve) => stranger.once('spawn', resolve));
    const lock = {
      owner: { name: 'owner', ...owner },
      servers: [
        { name: 'Temporal dev server', pid: leftover.pid, identity: processIdentity(leftover.pid!) },
        { name: 'PostgreSQL', pid: leftoverDb.pid, identity: processIdentity(leftoverDb.pid!), stopSignal: 'SIGINT' },
        { name: 'ferretdb', pid: stranger.pid, identity: 'a process that exited long ago' },
      ],
    };
    await fs.writeFile(path.join(dataDir, 'stack.lock.json'), JSON.stringify(lock));
    const logged: string[] = [];

    const claimed = await claimDataDir(dataDir, (line) => logged.push(line));

    expect(await exitSignal(leftover)).toBe('SIGTERM'); // (this test is its parent: the exit is seen once reaped)
    expect(await exitSignal(leftoverDb)).toBe('SIGINT'); // PostgreSQL's fast shutdown: what it committed stays
    expect(await isPortFree(port)).toBe(true);
    expect(await isPortFree(dbPort)).toBe(true);
    expect(processIdentity(stranger.pid!)).toBeDefined();
    expect(logged).toEqual([
      `meridian: stopping Temporal dev server (pid ${leftover.pid}), left running by an earlier start that died`,
      `meridian: stopping PostgreSQL (pid ${leftoverDb.pid}), left running by an earlier start that died`,
    ]);
    await claimed.release();
  });
});
