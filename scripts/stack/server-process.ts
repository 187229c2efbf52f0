import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { acceptsConnections, isPortFree } from './free-port';
import { ServerStartError } from './stack-errors';

const TAIL_CHARS = 8_000;
const TAIL_LINES = 20;
const STOP_GRACE_MS = 10_000;
const WRAPPER = path.join(__dirname, 'exit-with-parent.mjs');

export interface ServerProcessOptions {
  /** Human name for messages ("Temporal dev server"). */
  name: string;
  command: string;
  args: string[];
  /** The TCP port (on 127.0.0.1) that accepts connections once the server is ready; never 0. */
  port?: number;
  /** For a server without a TCP port (a Unix socket): how to tell it is ready, instead of `port`. */
  readiness?: Readiness;
  /** The signal that shuts the server down cleanly (default SIGTERM), also when this process dies. */
  stopSignal?: NodeJS.Signals;
  /** Working directory of the server (default: this process's). */
  cwd?: string;
  readyTimeoutMs?: number;
}

/** How to tell that a server is ready, and what it is waiting for in messages ("accepting connections on …"). */
export interface Readiness {
  what: string;
  check(): Promise<boolean>;
}

export interface ServerProcess {
  /** The wrapper process that owns the server (see exit-with-parent.mjs). */
  readonly pid: number | undefined;
  /** The server itself. */
  readonly serverPid: number | undefined;
  /** Stops the server (its stop signal, then SIGKILL after 10 s); safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Spawns a server and resolves once its port accepts TCP connections. Fails fast with a ServerStartError (the
 * reason and the server's last output lines) when the port is taken, the server exits before it is ready, or it
 * is not ready within the timeout. The server runs under a small wrapper that stops it when this process exits
 * or dies, even by SIGKILL, so a killed `npm start` leaves no server holding its port.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const { name, command, args, port, stopSignal, readyTimeoutMs = 60_000 } = options;
  const commandLine = `${command} ${args.join(' ')}`;
  const readiness = options.readiness ?? (await portReadiness(name, port, commandLine));

  const wrapperArgs = [WRAPPER, ...(stopSignal ? [`--stop-signal=${stopSignal}`] : []), command, ...args];
  const child = spawn(process.execPath, wrapperArgs, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const output = keepTail(child);
  const exited = new Promise<string>((resolve) => {
    child.once('error', (err) => resolve(`could not be started: ${err.message}`));
    child.once('exit', (code, signal) => resolve(signal ? `was killed by ${signal}` : `exited with code ${code}`));
  });
  const serverPid = new Promise<number | undefined>((resolve) => {
    child.once('message', (message: { serverPid?: number }) => resolve(message.serverPid));
    void exited.then(() => resolve(undefined));
  });
  const stop = () => stopChild(child, exited);

  const failure = await waitUntilReady(readiness, exited, readyTimeoutMs);
  if (failure) {
    await stop();
    throw new ServerStartError(name, failure, output.lastLines(TAIL_LINES), commandLine);
  }
  return { pid: child.pid, serverPid: await serverPid, stop };
}

/** Keeps draining the child's pipes for its whole life (a full pipe would block it) and remembers the tail. */
function keepTail(child: ChildProcess): { lastLines(count: number): string[] } {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { lastLines: (count) => output.trim().split('\n').slice(-count).filter((line) => line.trim() !== '') };
}

/** Readiness of a server on a TCP port: the port must be free before the start and accept connections after it. */
async function portReadiness(name: string, port: number | undefined, commandLine: string): Promise<Readiness> {
  if (port === undefined || !Number.isInteger(port) || port <= 0) throw new ServerStartError(name, `needs a concrete port, not ${port}`, [], commandLine);
  if (!(await isPortFree(port))) throw new ServerStartError(name, `cannot listen on 127.0.0.1:${port}: the port is already in use`, [], commandLine);
  return { what: `accepting connections on port ${port}`, check: () => acceptsConnections(port) };
}

/** Undefined once the server is ready, else why it never became ready. */
async function waitUntilReady(readiness: Readiness, exited: Promise<string>, timeoutMs: number): Promise<string | undefined> {
  let exitReason: string | undefined;
  void exited.then((reason) => (exitReason = reason));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitReason) return `${exitReason} before ${readiness.what}`;
    if (await readiness.check()) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return `was not ${readiness.what} within ${Math.round(timeoutMs / 1000)} s`;
}

async function stopChild(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
