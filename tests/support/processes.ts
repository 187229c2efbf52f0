import { execFileSync } from 'node:child_process';

/** Pids of live (non-zombie) processes whose command line contains `text`, e.g. a test's unique data directory. */
export function processesMentioning(text: string): number[] {
  const lines = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' }).split('\n');
  return lines.flatMap((line) => {
    const match = /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (!match || match[2]?.startsWith('Z') || !match[3]?.includes(text)) return [];
    return [Number(match[1])];
  });
}

/** Pids of live (non-zombie) processes in process group `pgid`: a detached child and everything it started. */
export function processGroup(pgid: number): number[] {
  const lines = execFileSync('ps', ['-eo', 'pid=,pgid=,stat='], { encoding: 'utf8' }).split('\n');
  return lines.flatMap((line) => {
    const [pid, group, stat] = line.trim().split(/\s+/);
    return Number(group) === pgid && !stat?.startsWith('Z') ? [Number(pid)] : [];
  });
}

/** Sends `signal` to each pid that still exists (cleanup after a test that expected them gone). */
export function killAll(pids: number[], signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Pids of the live direct children of `pid`. */
export function childrenOf(pid: number): number[] {
  const lines = execFileSync('ps', ['-eo', 'pid=,ppid=,stat='], { encoding: 'utf8' }).split('\n');
  return lines.flatMap((line) => {
    const [child, parent, stat] = line.trim().split(/\s+/);
    return Number(parent) === pid && !stat?.startsWith('Z') ? [Number(child)] : [];
  });
}
