import fs from 'node:fs/promises';
import { ensureFerretBinary } from './binaries';
import { concretePort } from './free-port';
import { startServerProcess } from './server-process';
import { findOnPath } from './which';
import type { Log } from './go-toolchain';

export interface MongoServerOptions {
  binary: string;
  /** Directory for the data files; created when missing. */
  dataDir: string;
  /** A free one when 0 or omitted. */
  port?: number;
  readyTimeoutMs?: number;
}

export interface MongoServer {
  /** Base URI without a database name, e.g. `mongodb://127.0.0.1:40123`. */
  uri: string;
  kind: 'ferretdb' | 'mongod';
  /** The server process (for the data-dir lock). */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts FerretDB (MongoDB wire protocol over SQLite files in dataDir) on 127.0.0.1. */
export async function startFerretDb(options: MongoServerOptions): Promise<MongoServer> {
  const port = await concretePort(options.port);
  await fs.mkdir(options.dataDir, { recursive: true });
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${options.dataDir.replace(/\/*$/, '/')}`,
    `--state-dir=${options.dataDir}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--debug-addr=-',
    '--telemetry=disable',
    '--log-level=WARN',
  ];
  const { binary: command, readyTimeoutMs } = options;
  const server = await startServerProcess({ name: 'FerretDB', command, args, port, readyTimeoutMs });
  return { uri: `mongodb://127.0.0.1:${port}`, kind: 'ferretdb', pid: server.serverPid, stop: () => server.stop() };
}

/** Starts a real `mongod` (standalone) with its data in dataDir on 127.0.0.1. */
export async function startMongod(options: MongoServerOptions): Promise<MongoServer> {
  const port = await concretePort(options.port);
  await fs.mkdir(options.dataDir, { recursive: true });
  const args = ['--dbpath', options.dataDir, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet'];
  const { binary: command, readyTimeoutMs } = options;
  const server = await startServerProcess({ name: 'mongod', command, args, port, readyTimeoutMs });
  return { uri: `mongodb://127.0.0.1:${port}`, kind: 'mongod', pid: server.serverPid, stop: () => server.stop() };
}

/** A local MongoDB-compatible server: `mongod` when it is on PATH, else FerretDB (built on first use). */
export async function startEmbeddedMongo(options: {
  dataDir: string;
  port?: number;
  env?: NodeJS.ProcessEnv;
  log?: Log;
}): Promise<MongoServer> {
  const mongod = findOnPath('mongod', options.env);
  if (mongod) return startMongod({ binary: mongod, dataDir: options.dataDir, port: options.port });
  const binary = await ensureFerretBinary({ env: options.env, log: options.log });
  return startFerretDb({ binary, dataDir: options.dataDir, port: options.port });
}
