import { spawn, type ChildProcess } from 'node:child_process';
import { acceptsConnections } from './free-port';

const TAIL_CHARS = 4_000;
const STOP_GRACE_MS = 10_000;

export interface ServerProcessOptions {
  /** Human name for messages ("Temporal dev server"). */
  name: string;
  command: string;
  args: string[];
  /** The TCP port that accepts connections once the server is ready. */
  port: number;
  readyTimeoutMs?: number;
}

export interface ServerProcess {
  readonly pid: number | undefined;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s); safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Spawns a server and resolves once its port accepts TCP connections. Fails fast, with the tail of the server's
 * output, when it exits before that or is not ready within the timeout. The child is killed if this process exits.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const { name, command, args, port, readyTimeoutMs = 60_000 } = options;
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // Keep draining the pipes for the server's whole life: a full pipe would block it.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.once('error', (err) => resolve(`could not be started: ${err.message}`));
    child.once('exit', (code, signal) => resolve(signal ? `was killed by ${signal}` : `exited with code ${code}`));
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await stopChild(child, exited);
  };

  const failure = await waitUntilReady(port, exited, readyTimeoutMs);
  if (failure) {
    await stop();
    const tail = output.trim() ? `\n--- last output of ${name} ---\n${output.trim()}` : '';
    throw new Error(`${name} (${command} ${args.join(' ')}) ${failure}${tail}`);
  }
  return { pid: child.pid, stop };
}

/** Undefined once the port accepts connections, else why the server never became ready. */
async function waitUntilReady(port: number, exited: Promise<string>, timeoutMs: number): Promise<string | undefined> {
  let exitReason: string | undefined;
  void exited.then((reason) => (exitReason = reason));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitReason) return `${exitReason} before accepting connections on port ${port}`;
    if (await acceptsConnections(port)) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return `did not accept connections on port ${port} within ${Math.round(timeoutMs / 1000)} s`;
}

async function stopChild(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
