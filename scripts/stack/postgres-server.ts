import fs from 'node:fs/promises';
import path from 'node:path';
import type { ServerAccount } from './postgres-account';
import type { PostgresBinaries } from './postgres-binaries';
import { placeCluster, SOCKET_PORT } from './postgres-cluster';
import { FERRETDB_DATABASE, POSTGRES_ROLE } from './postgres-initdb';
import { postgresAcceptsSessions } from './postgres-probe';
import { startServerProcess } from './server-process';

// Every cluster: no JIT compilation for the small queries FerretDB sends; only fatal messages in the log (FerretDB's
// duplicate-key answers are errors PostgreSQL would log by the thousand).
const SETTINGS = ['jit=off', 'log_min_messages=fatal'];
// `npm start`: every acknowledged commit is on disk (synchronous_commit stays on), so neither a killed PostgreSQL nor
// a crashed machine takes back an event the workflow was told is stored.
// Throwaway test and bench clusters: no fsync at all, and commits acknowledged before their WAL is written (nothing
// there outlives the run, and the tests that kill PostgreSQL run a cluster of their own, soak/stack/postgres.ts).
const NOT_DURABLE = ['fsync=off', 'full_page_writes=off', 'synchronous_commit=off'];

export interface PostgresServerOptions {
  binaries: PostgresBinaries;
  account: ServerAccount;
  dataDir: string;
  persistent: boolean;
  ownRoots: string[];
  readyTimeoutMs?: number;
}

/** A running PostgreSQL, reachable only through its private Unix socket. */
export interface PostgresServer {
  /** libpq/pgx URL of the FerretDB database, e.g. `postgres://meridian@/ferretdb?host=/tmp/meridian-pg-x&port=5432`. */
  url: string;
  pid: number | undefined;
  /** Where the data is, when that is worth saying at start. */
  note?: string;
  /** Fast shutdown (SIGINT: sessions are ended, everything committed is kept), then removes the run dir. */
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL on a cluster of its own (created on first use) and resolves once it admits sessions. It listens
 * on a Unix socket in a directory only its account can open, never on TCP: the cluster trusts whoever connects,
 * and only FerretDB (root, or the same user) needs to. Stops with the process that started it, like every
 * embedded server.
 */
export async function startPostgres(options: PostgresServerOptions): Promise<PostgresServer> {
  const { binaries, account } = options;
  const place = await placeCluster(options);
  const settings = [...SETTINGS, ...(options.persistent ? [] : NOT_DURABLE)];
  settings.push('listen_addresses=', `unix_socket_directories=${place.runDir}`, 'unix_socket_permissions=0700', `port=${SOCKET_PORT}`);
  const [command = binaries.postgres, ...prefix] = account.runAs.length ? [...account.runAs, binaries.postgres] : [binaries.postgres];
  const endpoint = { socketPath: path.join(place.runDir, `.s.PGSQL.${SOCKET_PORT}`), user: POSTGRES_ROLE, database: FERRETDB_DATABASE };
  try {
    const server = await startServerProcess({
      name: 'PostgreSQL',
      command,
      args: [...prefix, '-D', place.pgdata, ...settings.flatMap((s) => ['-c', s])],
      readiness: { what: `admitting sessions on ${endpoint.socketPath}`, check: () => postgresAcceptsSessions(endpoint) },
      stopSignal: 'SIGINT',
      cwd: '/', // the account may not be allowed into this process's working directory
      readyTimeoutMs: options.readyTimeoutMs,
    });
    const stop = async () => {
      await server.stop();
      await fs.rm(place.runDir, { recursive: true, force: true });
    };
    const url = `postgres://${POSTGRES_ROLE}@/${FERRETDB_DATABASE}?host=${encodeURIComponent(place.runDir)}&port=${SOCKET_PORT}`;
    return { url, pid: server.serverPid, note: place.note, stop };
  } catch (err) {
    await fs.rm(place.runDir, { recursive: true, force: true });
    throw err;
  }
}
