import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let bootId: string | undefined;

/**
 * A string that stays the same for one running process and differs for any later process that reuses its pid
 * (Linux: boot id and start time from /proc; macOS and BSDs: the start time `ps` prints), so a pid read from a
 * file can be checked before it is signalled. Undefined when no such process runs, for a zombie, and on Windows.
 */
export function processIdentity(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (process.platform === 'linux') return linuxIdentity(pid);
  if (process.platform === 'win32') return undefined;
  return psIdentity(pid);
}

function linuxIdentity(pid: number): string | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The fields after the command name, which is in parentheses and may itself contain spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [state, startTime] = [fields[0], fields[19]];
  if (state === 'Z' || state === 'X' || !startTime) return undefined; // exited, not yet reaped by its parent
  bootId ??= fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  return `${bootId}:${startTime}`;
}

function psIdentity(pid: number): string | undefined {
  try {
    const started = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return started.trim() || undefined;
  } catch {
    return undefined; // ps exits with 1 when there is no such process
  }
}
