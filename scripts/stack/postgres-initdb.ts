import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ServerAccount } from './postgres-account';
import type { PostgresBinaries } from './postgres-binaries';
import { ServerStartError } from './stack-errors';

/** The cluster's superuser, which FerretDB connects as (trust, on a socket only the account can open). */
export const POSTGRES_ROLE = 'meridian';
/** The database FerretDB keeps every MongoDB database in (one schema each); FerretDB does not create it. */
export const FERRETDB_DATABASE = 'ferretdb';
const STALE_INIT_MS = 10 * 60 * 1000;

export interface InitClusterOptions {
  binaries: PostgresBinaries;
  account: ServerAccount;
  pgdata: string;
  /** fsync what initdb writes (npm start); a throwaway test cluster skips it. */
  durable: boolean;
}

/**
 * Creates a cluster in `pgdata` unless one is there: `initdb` (superuser `meridian`, trust, UTF-8, C collation) and
 * the `ferretdb` database, in a sibling temp dir renamed into place when complete, so an interrupted first start
 * leaves no half-made cluster behind. Runs both as the server account. Resolves true when it created one.
 */
export async function initCluster({ binaries, account, pgdata, durable }: InitClusterOptions): Promise<boolean> {
  if (existsSync(path.join(pgdata, 'PG_VERSION'))) return false;
  const parent = path.dirname(pgdata);
  await removeStaleInits(parent);
  const work = await fs.mkdtemp(path.join(parent, '.postgres-init-'));
  try {
    if (account.name) await fs.chown(work, account.uid, account.gid);
    const nosync = durable ? [] : ['--no-sync'];
    await runAsAccount(account, binaries.initdb, ['-D', work, '-U', POSTGRES_ROLE, '--auth=trust', '--encoding=UTF8', '--no-locale', ...nosync]);
    // Single-user mode: no server, socket or port needed to create the database.
    const single = ['--single', '-D', work, ...(durable ? [] : ['-F']), 'postgres'];
    await runAsAccount(account, binaries.postgres, single, `CREATE DATABASE ${FERRETDB_DATABASE};\n`);
    await fs.rename(work, pgdata);
    return true;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** Runs one PostgreSQL program as the account; rejects with its last output lines when it fails. */
function runAsAccount(account: ServerAccount, program: string, args: string[], input?: string): Promise<void> {
  const [command = program, ...prefix] = account.runAs.length ? [...account.runAs, program] : [program];
  const argv = [...prefix, ...args];
  const commandLine = `${command} ${argv.join(' ')}`;
  return new Promise((resolve, reject) => {
    // cwd `/`: the account may not be allowed into this process's working directory.
    const child = spawn(command, argv, { cwd: '/', stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-8_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.stdin.end(input ?? '');
    child.once('error', (err) => reject(new ServerStartError('PostgreSQL', `could not run ${path.basename(program)}: ${err.message}`, [], commandLine)));
    child.once('close', (code, signal) => {
      // Single-user mode exits 0 even when a statement fails; it prints the error instead.
      const failedStatement = /\b(ERROR|FATAL):\s/.test(output);
      if (code === 0 && !failedStatement) return resolve();
      const why = signal ? `was killed by ${signal}` : failedStatement ? 'reported an error' : `exited with code ${code}`;
      const lines = output.trim().split('\n').slice(-20);
      reject(new ServerStartError('PostgreSQL', `${path.basename(program)} ${why} while creating the cluster`, lines, commandLine));
    });
  });
}

/** Removes the temp dirs of first starts that were killed mid-way (Ctrl-C skips `finally`). */
async function removeStaleInits(parent: string): Promise<void> {
  const names = await fs.readdir(parent).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith('.postgres-init-'))) {
    const full = path.join(parent, name);
    const { mtimeMs } = await fs.stat(full);
    if (mtimeMs < Date.now() - STALE_INIT_MS) await fs.rm(full, { recursive: true, force: true });
  }
}
