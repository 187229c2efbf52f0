import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Log } from './go-toolchain';
import { processIdentity } from './process-identity';
import { DataDirInUseError } from './stack-errors';

const LOCK_FILE = 'stack.lock.json';
const TERM_WAIT_MS = 10_000;
const KILL_WAIT_MS = 2_000;

const LockedProcessSchema = z.strictObject({
  name: z.string(),
  pid: z.number().int().positive(),
  identity: z.string().min(1),
  /** What stops it cleanly (PostgreSQL: SIGINT); SIGTERM when absent. */
  stopSignal: z.enum(['SIGTERM', 'SIGINT']).optional(),
});
const DataDirLockSchema = z.strictObject({ owner: LockedProcessSchema, servers: z.array(LockedProcessSchema) });
type LockedProcess = z.infer<typeof LockedProcessSchema>;
type DataDirLockFile = z.infer<typeof DataDirLockSchema>;

/** This process's claim on a data directory. */
export interface DataDirLock {
  /** Records a server this process started, so a later start can stop it should this process die first. */
  record(name: string, pid: number | undefined, stopSignal?: 'SIGTERM' | 'SIGINT'): Promise<void>;
  /** Gives the data directory up (call after the servers stopped). */
  release(): Promise<void>;
}

/**
 * Makes this process the owner of `dataDir` (`<dataDir>/stack.lock.json`). Throws DataDirInUseError while the
 * recorded owner still runs (a second `npm start` on the same data); when the owner is gone, first stops the
 * servers it left running, each checked to still be that very process (not a reused pid) before it is signalled.
 * Without a way to identify processes (Windows) it records and checks nothing.
 */
export async function claimDataDir(dataDir: string, log: Log): Promise<DataDirLock> {
  const file = path.join(dataDir, LOCK_FILE);
  const ownIdentity = processIdentity(process.pid);
  if (!ownIdentity) return { record: async () => undefined, release: async () => undefined };
  await fs.mkdir(dataDir, { recursive: true });
  const lock: DataDirLockFile = { owner: { name: 'owner', pid: process.pid, identity: ownIdentity }, servers: [] };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const previous = await readLock(file, log);
    if (previous) {
      if (isRunning(previous.owner)) throw new DataDirInUseError(dataDir, previous.owner.pid);
      await stopLeftovers(previous.servers, log);
      await fs.rm(file, { force: true });
    }
    try {
      await fs.writeFile(file, JSON.stringify(lock), { flag: 'wx' }); // exclusive: two starts cannot both win
      return lockHandle(file, lock);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new Error(`could not claim ${dataDir}: ${file} keeps being replaced by another process`);
}

function lockHandle(file: string, lock: DataDirLockFile): DataDirLock {
  return {
    async record(name, pid, stopSignal) {
      const identity = pid === undefined ? undefined : processIdentity(pid);
      if (pid === undefined || !identity) return;
      lock.servers.push({ name, pid, identity, ...(stopSignal ? { stopSignal } : {}) });
      const temp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(temp, JSON.stringify(lock));
      await fs.rename(temp, file);
    },
    release: () => fs.rm(file, { force: true }),
  };
}

async function readLock(file: string, log: Log): Promise<DataDirLockFile | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const parsed = DataDirLockSchema.safeParse(safeJson(text));
  if (!parsed.success) log(`meridian: ignoring ${file}: not a lock file this version wrote`);
  return parsed.success ? parsed.data : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRunning(entry: LockedProcess): boolean {
  return processIdentity(entry.pid) === entry.identity;
}

/** Its stop signal to every leftover that still is the recorded process, SIGKILL to those still there after 10 s. */
async function stopLeftovers(servers: LockedProcess[], log: Log): Promise<void> {
  const running = servers.filter(isRunning);
  for (const server of running) {
    log(`meridian: stopping ${server.name} (pid ${server.pid}), left running by an earlier start that died`);
    signal(server.pid, server.stopSignal ?? 'SIGTERM');
  }
  if (await allGone(running, TERM_WAIT_MS)) return;
  for (const server of running.filter(isRunning)) signal(server.pid, 'SIGKILL');
  await allGone(running, KILL_WAIT_MS);
}

async function allGone(servers: LockedProcess[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (servers.some(isRunning)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // gone in the meantime
  }
}
