import fs from 'node:fs/promises';
import { concretePort } from './free-port';
import { startServerProcess } from './server-process';

/** One process of an embedded database, for the data-dir lock, with the signal that stops it cleanly. */
export interface ServerPid {
  name: string;
  pid: number | undefined;
  stopSignal?: 'SIGTERM' | 'SIGINT';
}

/** A running MongoDB-compatible server. */
export interface MongoServer {
  /** Base URI without a database name, e.g. `mongodb://127.0.0.1:40123`. */
  uri: string;
  /** What runs, for the banner: "FerretDB on PostgreSQL", "FerretDB on SQLite" or "mongod". */
  label: string;
  /** Its processes, in the order they were started. */
  processes: ServerPid[];
  /** Where the data is, when that is worth saying at start. */
  note?: string;
  stop(): Promise<void>;
}

/** FerretDB's storage: SQLite files in a directory, or a PostgreSQL database. */
export type FerretStorage = { handler: 'sqlite'; dir: string } | { handler: 'postgresql'; url: string };

export interface FerretDbOptions {
  binary: string;
  storage: FerretStorage;
  /** FerretDB's own state (state.json); created when missing. */
  stateDir: string;
  /** A free one when 0 or omitted. */
  port?: number;
  readyTimeoutMs?: number;
}

/** Starts FerretDB (MongoDB wire protocol over SQLite or PostgreSQL) on 127.0.0.1. */
export async function startFerretDb(options: FerretDbOptions): Promise<MongoServer> {
  const port = await concretePort(options.port);
  await fs.mkdir(options.stateDir, { recursive: true });
  const { storage } = options;
  if (storage.handler === 'sqlite') await fs.mkdir(storage.dir, { recursive: true });
  const args = [
    `--handler=${storage.handler}`,
    storage.handler === 'sqlite' ? `--sqlite-url=file:${storage.dir.replace(/\/*$/, '/')}` : `--postgresql-url=${storage.url}`,
    `--state-dir=${options.stateDir}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--debug-addr=-',
    '--telemetry=disable',
    '--log-level=WARN',
  ];
  const { binary: command, readyTimeoutMs } = options;
  const server = await startServerProcess({ name: 'FerretDB', command, args, port, readyTimeoutMs });
  return {
    uri: `mongodb://127.0.0.1:${port}`,
    label: storage.handler === 'sqlite' ? 'FerretDB on SQLite' : 'FerretDB on PostgreSQL',
    processes: [{ name: 'FerretDB', pid: server.serverPid }],
    stop: () => server.stop(),
  };
}

/** Starts a real `mongod` (standalone) with its data in dataDir on 127.0.0.1. */
export async function startMongod(options: { binary: string; dataDir: string; port?: number; readyTimeoutMs?: number }): Promise<MongoServer> {
  const port = await concretePort(options.port);
  await fs.mkdir(options.dataDir, { recursive: true });
  const args = ['--dbpath', options.dataDir, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet'];
  const { binary: command, readyTimeoutMs } = options;
  const server = await startServerProcess({ name: 'mongod', command, args, port, readyTimeoutMs });
  return { uri: `mongodb://127.0.0.1:${port}`, label: 'mongod', processes: [{ name: 'mongod', pid: server.serverPid }], stop: () => server.stop() };
}
