import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ServerAccount } from './postgres-account';
import type { PostgresBinaries } from './postgres-binaries';
import { initCluster } from './postgres-initdb';
import { reachFor } from './postgres-reach';
import { ServerStartError } from './stack-errors';

const RUN_DIR_PREFIX = 'meridian-pg-';
/** The socket file is <runDir>/.s.PGSQL.<port>; no TCP port is opened, so any number does. */
export const SOCKET_PORT = 5432;
const STALE_RUN_DIR_MS = 10 * 60 * 1000;

/** Where one run's PostgreSQL keeps its data and its socket. */
export interface ClusterPlace {
  /** The cluster's data directory (PGDATA). */
  pgdata: string;
  /** A private directory made for this run: the server's Unix socket, and the data too when not persistent. */
  runDir: string;
  /** Said at start when the data lives somewhere one would not look first. */
  note?: string;
}

export interface ClusterPlaceOptions {
  binaries: PostgresBinaries;
  account: ServerAccount;
  /** The stack's data dir: a persistent cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  /** Keep the data (npm start) in the data dir; else a fresh cluster in the run dir, gone when it stops. */
  persistent: boolean;
  /** Meridian's own directories (cache, data dir), which may be opened to the server account's group. */
  ownRoots: string[];
}

/**
 * Finds or creates the cluster. Persistent: `<dataDir>/postgres`, owned by the server account. When that account
 * cannot reach it because a directory Meridian does not own is closed (root's cache under /root, mode 700), the
 * cluster goes to `<account home>/meridian/<random id>` and `<dataDir>/postgres` becomes a link to it: home
 * directories are never opened up. Not persistent: a fresh cluster in a temp dir owned by the account.
 */
export async function placeCluster(options: ClusterPlaceOptions): Promise<ClusterPlace> {
  const { account, binaries } = options;
  await removeStaleRunDirs();
  const runDir = await fs.mkdtemp(path.join(os.tmpdir(), RUN_DIR_PREFIX));
  try {
    await giveTo(runDir, account);
    if (!options.persistent) {
      const pgdata = path.join(runDir, 'data');
      await initCluster({ binaries, account, pgdata, durable: false });
      return { pgdata, runDir };
    }
    return { ...(await persistentCluster(options)), runDir };
  } catch (err) {
    await fs.rm(runDir, { recursive: true, force: true });
    throw err;
  }
}

async function persistentCluster({ binaries, account, dataDir, ownRoots }: ClusterPlaceOptions): Promise<{ pgdata: string; note?: string }> {
  const inDataDir = path.join(dataDir, 'postgres');
  const linked = await fs.readlink(inDataDir).catch(() => undefined);
  if (linked) return { pgdata: linked, note: `PostgreSQL data in ${linked} (linked from ${inDataDir})` };
  const reach = reachFor(inDataDir, account, ownRoots, (dir) => statSync(dir));
  if (reach.reachable) {
    for (const dir of reach.grant) await openToGroup(dir, account);
    await initCluster({ binaries, account, pgdata: inDataDir, durable: true });
    return { pgdata: inDataDir };
  }
  if (existsSync(inDataDir)) throw new ServerStartError('PostgreSQL', `cannot reach its cluster in ${inDataDir}: ${reach.closedBy} is closed to the ${account.name} account`);
  const base = path.join(account.home, 'meridian');
  const elsewhere = path.join(base, randomBytes(6).toString('hex'));
  const homeReach = existsSync(account.home)
    ? reachFor(base, account, [], (dir) => statSync(dir))
    : { reachable: false as const, closedBy: `${account.home} (missing)` };
  if (!homeReach.reachable) {
    const why = `${reach.closedBy} is closed to the ${account.name} account, and so is its home (${homeReach.closedBy})`;
    throw new ServerStartError('PostgreSQL', `has no place for its cluster: ${why}`);
  }
  await fs.mkdir(base, { recursive: true, mode: 0o700 });
  await giveTo(base, account);
  await initCluster({ binaries, account, pgdata: elsewhere, durable: true });
  await fs.symlink(elsewhere, inDataDir);
  return { pgdata: elsewhere, note: `PostgreSQL data in ${elsewhere}, linked from ${inDataDir} (${reach.closedBy} is closed to the ${account.name} account)` };
}

/** Makes a directory the server account's (a no-op when the server runs as this process's user). */
async function giveTo(dir: string, account: ServerAccount): Promise<void> {
  if (account.name) await fs.chown(dir, account.uid, account.gid);
}

/** Lets the account's group pass through one of Meridian's own directories (group changed, g+x). */
async function openToGroup(dir: string, account: ServerAccount): Promise<void> {
  const { uid, mode } = await fs.stat(dir);
  await fs.chown(dir, uid, account.gid);
  await fs.chmod(dir, (mode & 0o7777) | 0o010);
}

/**
 * Removes the run dirs (socket, and a test cluster's data) of servers that are gone without cleaning up: their
 * starter was killed by SIGKILL. A dir is in use while the server's socket lock file names a live process; a young
 * dir without one may belong to a start still running initdb.
 */
async function removeStaleRunDirs(): Promise<void> {
  const names = await fs.readdir(os.tmpdir()).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(RUN_DIR_PREFIX))) {
    const dir = path.join(os.tmpdir(), name);
    const lock = await fs.readFile(path.join(dir, `.s.PGSQL.${SOCKET_PORT}.lock`), 'utf8').catch(() => undefined);
    const pid = Number(lock?.split('\n')[0]);
    const inUse = lock ? isAlive(pid) : (await fs.stat(dir)).mtimeMs > Date.now() - STALE_RUN_DIR_MS;
    if (!inUse) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined); // another user's: not ours to remove
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}
