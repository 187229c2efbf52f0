const CHECK_EVERY_MS = 500;

/**
 * Calls onGone once when the bootstrap process that started this one (`MERIDIAN_SUPERVISOR_PID`, our parent) is
 * gone, even after a SIGKILL, which no signal handler sees: this process is then re-parented, so `process.ppid`
 * changes. Does nothing when started any other way (e.g. `tsx scripts/start.ts` under nohup).
 */
export function onSupervisorGone(onGone: () => void, env: NodeJS.ProcessEnv = process.env): void {
  const supervisor = Number(env.MERIDIAN_SUPERVISOR_PID);
  if (!supervisor || supervisor !== process.ppid) return;
  const timer = setInterval(() => {
    if (process.ppid === supervisor) return;
    clearInterval(timer);
    onGone();
  }, CHECK_EVERY_MS);
  timer.unref();
}
