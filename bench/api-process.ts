/** Starts bench/api-child.ts as a separate Node process (tsx), asks it for its heap, and stops it. */
import { fork } from 'node:child_process';
import type { ApiChildReply, ApiChildRequest } from './api-child';

export interface ApiProcess {
  url: string;
  /** The process's used heap right after a full GC, in bytes. */
  heapAfterGc(): Promise<number>;
  /** Graceful shutdown; SIGKILL after 15 s. Safe to call twice. */
  stop(): Promise<void>;
}

/** Forks an API process with `env` (HTTP_PORT is set to 0: a free port) and resolves with its URL once it listens. */
export async function startApiProcess(env: NodeJS.ProcessEnv): Promise<ApiProcess> {
  const child = fork(require.resolve('./api-child'), [], {
    env: { ...env, HTTP_PORT: '0' },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (m: ApiChildReply) => m.type === 'ready' && resolve(m.url));
    void exited.then(() => reject(new Error(`the bench API process exited (code ${child.exitCode}) before it listened`)));
  });
  const send = (msg: ApiChildRequest) => child.send(msg);
  return {
    url,
    heapAfterGc: () =>
      new Promise<number>((resolve) => {
        const onHeap = (m: ApiChildReply) => {
          if (m.type !== 'heap') return;
          child.off('message', onHeap);
          resolve(m.bytes);
        };
        child.on('message', onHeap);
        send({ type: 'heap' });
      }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null && child.connected) send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      process.removeListener('exit', killOnExit);
    },
  };
}
