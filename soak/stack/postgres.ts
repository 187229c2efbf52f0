/**
 * PostgreSQL for the soak: a throwaway cluster in a private run dir whose socket path never changes, so after a
 * SIGKILL the server restarts on the same data and FerretDB reconnects to the same address.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ServerAccount } from '../../scripts/stack/postgres-account';
import type { PostgresBinaries } from '../../scripts/stack/postgres-binaries';
import { SOCKET_PORT } from '../../scripts/stack/postgres-cluster';
import { FERRETDB_DATABASE, initCluster, POSTGRES_ROLE } from '../../scripts/stack/postgres-initdb';
import { postgresAcceptsSessions } from '../../scripts/stack/postgres-probe';
import { startServerProcess, type ServerProcess } from '../../scripts/stack/server-process';
import { killAndWait, startWithRetries, type ChaosTarget } from './chaos-target';

// A commit is written to the kernel before it is acknowledged (synchronous_commit=on, as in production): with
// synchronous_commit=off, as the test and bench clusters run, a SIGKILL of PostgreSQL loses commits still in its WAL
// buffers, which the first soak found as a gap in a ticket's events. fsync=off loses nothing when only the process
// dies: its writes are in the kernel's page cache.
const SETTINGS = ['synchronous_commit=on', 'jit=off', 'log_min_messages=fatal', 'fsync=off', 'full_page_writes=off'];
// Not "meridian-pg-": other stacks' starts remove such dirs when their server is dead, which ours is between a kill
// and its restart.
const RUN_DIR_PREFIX = 'meridian-soak-pg-';

/** Creates the cluster and starts PostgreSQL; `url` is FerretDB's PostgreSQL URL. */
export async function startSoakPostgres(binaries: PostgresBinaries, account: ServerAccount): Promise<ChaosTarget & { url: string }> {
  const runDir = await fs.mkdtemp(path.join(os.tmpdir(), RUN_DIR_PREFIX));
  if (account.name) await fs.chown(runDir, account.uid, account.gid);
  const pgdata = path.join(runDir, 'data');
  await initCluster({ binaries, account, pgdata, durable: false });
  const settings = [...SETTINGS, 'listen_addresses=', `unix_socket_directories=${runDir}`, 'unix_socket_permissions=0700', `port=${SOCKET_PORT}`];
  const [command = binaries.postgres, ...prefix] = [...account.runAs, binaries.postgres];
  const endpoint = { socketPath: path.join(runDir, `.s.PGSQL.${SOCKET_PORT}`), user: POSTGRES_ROLE, database: FERRETDB_DATABASE };
  const start = () =>
    startServerProcess({
      name: 'PostgreSQL',
      command,
      args: [...prefix, '-D', pgdata, ...settings.flatMap((s) => ['-c', s])],
      readiness: { what: `admitting sessions on ${endpoint.socketPath}`, check: () => postgresAcceptsSessions(endpoint) },
      stopSignal: 'SIGINT',
      cwd: '/',
    });
  let server: ServerProcess = await start();
  return {
    name: 'postgres',
    url: `postgres://${POSTGRES_ROLE}@/${FERRETDB_DATABASE}?host=${encodeURIComponent(runDir)}&port=${SOCKET_PORT}`,
    kill: () => killAndWait(server.serverPid),
    async restart() {
      await server.stop();
      // Backends of the killed postmaster leave when they notice; until then the new one refuses the shared memory.
      server = await startWithRetries('PostgreSQL', start);
    },
    async stop() {
      await server.stop();
      await fs.rm(runDir, { recursive: true, force: true });
    },
  };
}
