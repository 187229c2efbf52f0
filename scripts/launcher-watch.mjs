// Lets bootstrap.mjs notice that the npm process that ran it (`npm start`, `npm test`, `npm run bench`) is gone,
// even after a SIGKILL, so it can stop what it started. npm runs scripts through `sh -c`: a SIGKILL of npm leaves
// that shell running (its parent changes), and npm's SIGTERM forwarding kills the shell itself (our parent
// changes). Plain Node with no dependencies, like bootstrap.mjs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { clearInterval, setInterval } from 'node:timers';

const isLinux = process.platform === 'linux';

/** Parent pid of `pid`, or undefined when it does not run. */
function parentOf(pid) {
  try {
    if (isLinux) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }
    return Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim()) || undefined;
  } catch {
    return undefined;
  }
}

/** Command line of `pid`, or '' when it cannot be read. */
function commandOf(pid) {
  try {
    if (isLinux) return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

/**
 * Calls onGone once when the npm that launched this process (or the shell it ran us in) exits or dies. Does
 * nothing outside an npm script, so `nohup node scripts/bootstrap.mjs start &` keeps running after a logout.
 */
export function watchNpmLauncher(onGone) {
  if (!process.env.npm_lifecycle_event || process.platform === 'win32') return;
  const shell = process.ppid;
  const npm = /\bnpm\b|npm-cli/.test(commandOf(shell)) ? undefined : parentOf(shell); // no shell in between: watch npm only
  const timer = setInterval(
    () => {
      if (process.ppid === shell && (npm === undefined || parentOf(shell) === npm)) return;
      clearInterval(timer);
      onGone();
    },
    isLinux ? 500 : 2_000,
  );
  timer.unref();
}
