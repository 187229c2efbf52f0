import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { assertNever } from '../../domain/errors';
import { ensureFerretBinary } from './binaries';
import { chooseDatabase, describeDatabaseChoice, type DatabaseChoice, type EmbeddedDatabase } from './database-choice';
import { startFerretDb, startMongod, type MongoServer } from './ferretdb-server';
import type { Log } from './go-toolchain';
import { postgresServerAccount, type AccountLookup } from './postgres-account';
import { findPostgresBinaries, machinePostgresLookup, type PostgresLookup } from './postgres-binaries';
import { startPostgres } from './postgres-server';
import { findOnPath } from './which';

export interface EmbeddedDatabaseOptions {
  /** The stack's data dir: FerretDB's SQLite files and state in `mongo/`, a persistent PostgreSQL cluster in `postgres/`. */
  dataDir: string;
  persistent: boolean;
  /** Directories Meridian owns and may open to the PostgreSQL account's group (its cache, the data dir). */
  ownRoots: string[];
  port?: number;
  wanted?: EmbeddedDatabase;
  env: NodeJS.ProcessEnv;
  log: Log;
  /** How PostgreSQL and its account are looked up (tests stand for other machines); this machine by default. */
  machine?: MachineLookups;
}

/** The lookups the database choice makes on the machine. */
export interface MachineLookups {
  postgres?: PostgresLookup;
  account?: AccountLookup;
}

/** The choice for this machine and data dir (see chooseDatabase), from the real PATH, files and accounts. */
export function machineDatabaseChoice(options: Pick<EmbeddedDatabaseOptions, 'dataDir' | 'persistent' | 'wanted' | 'env' | 'machine'>): DatabaseChoice {
  return chooseDatabase({
    env: options.env,
    wanted: options.wanted,
    sqliteDataOnly: options.persistent && holdsSqliteData(path.join(options.dataDir, 'mongo')) && !existsSync(path.join(options.dataDir, 'postgres')),
    findMongod: () => findOnPath('mongod', options.env),
    findPostgres: () => findPostgresBinaries(options.machine?.postgres ?? { ...machinePostgresLookup, env: options.env }),
    postgresAccount: () => postgresServerAccount(options.machine?.account),
  });
}

/** Starts the chosen database after printing what it is and why; undefined when MONGODB_URI names one already. */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions, choice = machineDatabaseChoice(options)): Promise<MongoServer | undefined> {
  options.log(describeDatabaseChoice(choice));
  const mongoDir = path.join(options.dataDir, 'mongo');
  switch (choice.kind) {
    case 'external':
      return undefined;
    case 'mongod':
      return startMongod({ binary: choice.binary, dataDir: mongoDir, port: options.port });
    case 'sqlite': {
      const binary = await ensureFerretBinary({ env: options.env, log: options.log });
      return startFerretDb({ binary, storage: { handler: 'sqlite', dir: mongoDir }, stateDir: mongoDir, port: options.port });
    }
    case 'postgresql':
      return startFerretDbOnPostgres(options, choice);
    default:
      return assertNever(choice);
  }
}

async function startFerretDbOnPostgres(options: EmbeddedDatabaseOptions, choice: DatabaseChoice & { kind: 'postgresql' }): Promise<MongoServer> {
  const binary = await ensureFerretBinary({ env: options.env, log: options.log }); // a failed build starts nothing
  const postgres = await startPostgres({ ...options, binaries: choice.binaries, account: choice.account });
  if (postgres.note) options.log(`meridian: ${postgres.note}`);
  try {
    const stateDir = path.join(options.dataDir, 'mongo');
    const ferret = await startFerretDb({ binary, storage: { handler: 'postgresql', url: postgres.url }, stateDir, port: options.port });
    return {
      ...ferret,
      processes: [{ name: 'PostgreSQL', pid: postgres.pid, stopSignal: 'SIGINT' }, ...ferret.processes],
      note: postgres.note,
      stop: async () => {
        await ferret.stop(); // its sessions end before PostgreSQL's fast shutdown
        await postgres.stop();
      },
    };
  } catch (err) {
    await postgres.stop();
    throw err;
  }
}

function holdsSqliteData(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => name.endsWith('.sqlite'));
  } catch {
    return false;
  }
}
