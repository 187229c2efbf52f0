const GIVE_UP_AFTER_MS = 30_000;

/** One part of a running `npm start` and how to stop it. */
export interface StopStep {
  name: string;
  stop(): Promise<void>;
}

/**
 * A stop function for `npm start`: the first call stops each part in order (a failing part does not keep the
 * others running), then exits the process; later calls (Ctrl-C arrives directly and forwarded by bootstrap) are
 * ignored. Exits with 1 when a part failed or everything took longer than 30 s (the servers still stop: they
 * die with this process).
 */
export function stopAllOnce(steps: StopStep[], log: (line: string) => void = (line) => console.error(line)) {
  let stopping = false;
  return async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`meridian: stopping (${reason})…`);
    setTimeout(() => {
      log(`meridian: stopping took longer than ${GIVE_UP_AFTER_MS / 1000} s; exiting`);
      process.exit(1);
    }, GIVE_UP_AFTER_MS).unref();
    let failed = false;
    for (const step of steps) {
      try {
        await step.stop();
      } catch (err) {
        failed = true;
        log(`meridian: could not stop the ${step.name} cleanly: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    process.exit(failed ? 1 : 0);
  };
}
