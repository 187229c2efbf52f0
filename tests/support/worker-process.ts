import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Harness } from './harness';

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the signal that ended the process (null when it exited by itself). */
  exited: Promise<NodeJS.Signals | null>;
  /** Everything the process wrote to stdout and stderr so far (its pino lines). */
  output(): string;
  /** SIGKILL: no shutdown, no draining — as if the machine died. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

/** The worker's environment: the harness's database, task queue and SMTP catcher. */
export function workerEnv(h: Harness): Record<string, string> {
  return {
    MONGODB_URI: h.db.uri,
    TEMPORAL_ADDRESS: h.config.temporal.address,
    TEMPORAL_TASK_QUEUE: h.config.temporal.taskQueue,
    SMTP_PORT: String(h.smtp.port),
    MERIDIAN_SECRET: h.config.secret,
    PUBLIC_BASE_URL: h.config.http.publicBaseUrl,
  };
}


export interface WorkerProcessOptions {
  /** The entry module, relative to the repository root (a test worker such as tests/support/crashing-worker.ts). */
  entry?: string;
  readyTimeoutMs?: number;
}

/** Runs `worker/main.ts` (or `entry`) in its own Node process (through tsx's loader, so the PID is the worker itself). */
export function startWorkerProcess(env: Record<string, string>, { entry = 'worker/main.ts', readyTimeoutMs = 180_000 }: WorkerProcessOptions = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  let output = '';
  const handle: WorkerProcess = {
    child,
    exited,
    output: () => output,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker process not ready within ${readyTimeoutMs} ms:\n${output.slice(-2000)}`));
    }, readyTimeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker started')) {
        clearTimeout(timer);
        resolve(handle);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker process exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
}
