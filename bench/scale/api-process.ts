/** Starts bench/scale/api-child.ts as a separate Node process (tsx) and stops it. */
import { fork } from 'node:child_process';
import type { ApiChildReply } from './api-child';

export interface ApiProcess {
  url: string;
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
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null && child.connected) child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      process.removeListener('exit', killOnExit);
    },
  };
}
