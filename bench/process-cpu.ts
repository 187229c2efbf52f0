/**
 * CPU time of the bench process and every process under it (worker, API, Temporal, FerretDB, PostgreSQL), by role,
 * read from /proc: which of them a run's 2 cores went to. Empty where there is no /proc.
 */
import fs from 'node:fs/promises';

/** Seconds of CPU (user + system) by role. */
export type CpuByRole = Record<string, number>;

/** Linux reports utime and stime in USER_HZ ticks, 100 per second on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  seconds: number;
}

async function readStat(pid: number): Promise<ProcStat | null> {
  const text = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!text) return null;
  const close = text.lastIndexOf(')'); // comm may hold spaces and parentheses
  const fields = text.slice(close + 2).split(' '); // fields[0] is the state (field 3 of proc(5))
  return { pid, ppid: Number(fields[1]), comm: text.slice(text.indexOf('(') + 1, close), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
}

async function roleOf(p: ProcStat): Promise<string> {
  if (p.pid === process.pid) return 'bench (load loop, SMTP catcher)';
  const cmdline = (await fs.readFile(`/proc/${p.pid}/cmdline`, 'utf8').catch(() => '')).replace(/\0/g, ' ');
  if (cmdline.includes('worker-child')) return 'worker process';
  if (cmdline.includes('api-child')) return 'API process';
  if (p.comm.startsWith('temporal')) return 'Temporal dev server';
  if (p.comm.startsWith('ferretdb')) return 'FerretDB';
  if (p.comm.startsWith('postgres')) return 'PostgreSQL';
  return 'other';
}

/** The CPU seconds used so far by this process and its descendants, summed by role. */
export async function cpuOfProcessTree(): Promise<CpuByRole> {
  const pids = (await fs.readdir('/proc').catch(() => [])).filter((name) => /^\d+$/.test(name)).map(Number);
  const stats = (await Promise.all(pids.map(readStat))).filter((s): s is ProcStat => s !== null);
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const byRole: CpuByRole = {};
  const self = stats.find((s) => s.pid === process.pid);
  for (const queue = self ? [self] : []; queue.length > 0; ) {
    const p = queue.pop()!;
    const role = await roleOf(p);
    byRole[role] = (byRole[role] ?? 0) + p.seconds;
    queue.push(...(children.get(p.pid) ?? []));
  }
  return byRole;
}

/** CPU seconds by role between two readings (a process started in between counts from zero). */
export function cpuBetween(before: CpuByRole, after: CpuByRole): CpuByRole {
  return Object.fromEntries(Object.entries(after).map(([role, seconds]) => [role, seconds - (before[role] ?? 0)]));
}
