import fs from 'node:fs';
import path from 'node:path';
import { findOnPath, isExecutable } from './which';

/** The PostgreSQL server programs Meridian runs: `initdb` to create a cluster and `postgres` to serve it. */
export interface PostgresBinaries {
  binDir: string;
  initdb: string;
  postgres: string;
}

/** What the lookup reads from the machine; tests pass their own to stand for a machine without PostgreSQL. */
export interface PostgresLookup {
  env: NodeJS.ProcessEnv;
  isExecutable(file: string): boolean;
  /** Entries of a directory, empty when it does not exist. */
  listDir(dir: string): string[];
  realpath(file: string): string;
}

/** Where Debian and Ubuntu install each PostgreSQL major version's server programs: <dir>/<major>/bin. */
export const DEBIAN_POSTGRES_LIB_DIR = '/usr/lib/postgresql';

/** The lookup on this machine. */
export const machinePostgresLookup: PostgresLookup = {
  env: process.env,
  isExecutable,
  listDir: (dir) => {
    try {
      return fs.readdirSync(dir);
    } catch {
      return [];
    }
  },
  realpath: (file) => fs.realpathSync(file),
};

/**
 * The PostgreSQL server programs: `postgres` and `initdb` from PATH when both are there (Homebrew, distributions
 * that link them into /usr/bin), else the newest major version under Debian's PostgreSQL lib directory, which
 * does not put them on PATH. Undefined when neither has both.
 */
export function findPostgresBinaries(lookup: PostgresLookup = machinePostgresLookup): PostgresBinaries | undefined {
  const onPath = findOnPath('postgres', lookup.env, lookup.isExecutable);
  if (onPath) {
    // /usr/local/bin/postgres may be a link into a versioned directory: take initdb from the same directory.
    const binDir = path.dirname(lookup.realpath(onPath));
    const found = inDir(binDir, lookup);
    if (found) return found;
  }
  const majors = lookup
    .listDir(DEBIAN_POSTGRES_LIB_DIR)
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const major of majors) {
    const found = inDir(path.join(DEBIAN_POSTGRES_LIB_DIR, major, 'bin'), lookup);
    if (found) return found;
  }
  return undefined;
}

function inDir(binDir: string, lookup: PostgresLookup): PostgresBinaries | undefined {
  const [initdb, postgres] = ['initdb', 'postgres'].map((name) => path.join(binDir, name));
  return lookup.isExecutable(initdb!) && lookup.isExecutable(postgres!) ? { binDir, initdb: initdb!, postgres: postgres! } : undefined;
}
