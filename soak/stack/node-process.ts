/** A Meridian process (API or worker) run as `node --import tsx <entry>`, killable with SIGKILL and restartable. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { killAndWait, startWithRetries, type ChaosTarget } from './chaos-target';

const ROOT = path.resolve(__dirname, '../..');
const TAIL_CHARS = 4_000;

export interface NodeProcessOptions {
  name: string;
  /** Entry module and arguments, relative to the repository root. */
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Resolves true once the process serves (polled every 250 ms), given its output so far. */
  ready(output: string): Promise<boolean> | boolean;
  readyTimeoutMs?: number;
}

/** Spawns the process and resolves once `ready`; rejects with its last output if it exits or times out first. */
function spawnReady(options: NodeProcessOptions): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...options.args], { cwd: ROOT, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-TAIL_CHARS));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  return new Promise((resolve, reject) => {
    const poll = async () => {
      if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`${options.name} exited before it was ready:\n${output}`));
      if (await Promise.resolve(options.ready(output)).catch(() => false)) return resolve(child);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        return reject(new Error(`${options.name} was not ready in time:\n${output}`));
      }
      setTimeout(() => void poll(), 250);
    };
    void poll();
  });
}

/** Starts the process; as a chaos target it is SIGKILLed and started again with the same options. */
export async function startNodeProcess(options: NodeProcessOptions): Promise<ChaosTarget> {
  let child = await spawnReady(options);
  return {
    name: options.name,
    kill: () => killAndWait(child.pid),
    async restart() {
      child = await startWithRetries(options.name, () => spawnReady(options));
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
