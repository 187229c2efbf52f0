/** A server the chaos monkey may kill: SIGKILL, then a start on the same data and port. */
export interface ChaosTarget {
  /** The name the report counts kills under: worker, api, temporal, postgres, ferretdb, mongod. */
  name: string;
  /** SIGKILL of the server process itself (no shutdown, as if its machine died); resolves once it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same data and port; resolves once it serves. */
  restart(): Promise<void>;
  /** Graceful stop at the end of the run. */
  stop(): Promise<void>;
}

/** Retries `start` (a server whose predecessor was SIGKILLed may refuse for a moment) until it works or `timeoutMs` passes. */
export async function startWithRetries<T>(what: string, start: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what} did not come back within ${timeoutMs / 1000} s: ${String(err)}`);
      await new Promise((r) => setTimeout(r, Math.min(500 * attempt, 3_000)));
    }
  }
}

/** SIGKILL one pid and wait until it no longer exists (it may belong to another user, e.g. postgres when we are root). */
export async function killAndWait(pid: number | undefined): Promise<void> {
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return; // gone already
  }
  while (alive(pid)) await new Promise((r) => setTimeout(r, 50));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
