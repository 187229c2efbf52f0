/** Starts bench/worker-child.ts as a separate Node process (`--expose-gc`, tsx) and talks to it over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import type { ChildReply, ChildRequest } from './worker-child';

export type ReadyReply = Extract<ChildReply, { type: 'ready' }>;
export type MemorySample = Omit<Extract<ChildReply, { type: 'memory' }>, 'type'>;

export interface WorkerProcess {
  ready: ReadyReply;
  /** Why the process ended before stop() was called, or null while it runs. */
  failure(): string | null;
  /** GC in the child (main isolate and workflow threads), then its RSS and heaps. */
  memory(): Promise<MemorySample>;
  /** Graceful shutdown; SIGKILL after 20 s. Safe to call twice. */
  stop(): Promise<void>;
}

function nextReply<T extends ChildReply['type']>(child: ChildProcess, type: T): Promise<Extract<ChildReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ChildReply) => {
      if (m.type !== type) return;
      child.off('exit', onExit);
      child.off('message', onMessage);
      resolve(m as Extract<ChildReply, { type: T }>);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`bench worker exited (code ${code}) while waiting for "${type}"`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * Forks the worker with `env` (its config) and the path of a prebuilt workflow bundle; resolves once it polls. With
 * `metricsAddress` (host:port) the SDK's Prometheus exporter serves the worker's metrics there.
 */
export async function startWorkerProcess(env: NodeJS.ProcessEnv, bundlePath: string, metricsAddress?: string): Promise<WorkerProcess> {
  const child = fork(require.resolve('./worker-child'), [bundlePath, ...(metricsAddress ? [metricsAddress] : [])], {
    env,
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stopping = false;
  let failure: string | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      if (!stopping) failure = `the bench worker process exited (${signal ?? `code ${code}`})`;
      resolve();
    }),
  );
  const ready = await nextReply(child, 'ready');
  const request = (msg: ChildRequest) => child.send(msg);
  return {
    ready,
    failure: () => failure,
    async memory() {
      const reply = nextReply(child, 'memory');
      request({ type: 'memory' });
      const { type: _type, ...sample } = await reply;
      return sample;
    },
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null && child.connected) request({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
      process.removeListener('exit', killOnExit);
    },
  };
}
