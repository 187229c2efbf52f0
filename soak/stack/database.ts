/** The database server(s) the stack would choose here, each a chaos target: FerretDB on PostgreSQL or SQLite, or mongod. */
import path from 'node:path';
import { ensureFerretBinary } from '../../scripts/stack/binaries';
import { machineDatabaseChoice } from '../../scripts/stack/embedded-database';
import { describeDatabaseChoice } from '../../scripts/stack/database-choice';
import { startFerretDb, startMongod, type FerretStorage, type MongoServer } from '../../scripts/stack/ferretdb-server';
import { freePort } from '../../scripts/stack/free-port';
import { killAndWait, startWithRetries, type ChaosTarget } from './chaos-target';
import { startSoakPostgres } from './postgres';

export interface SoakDatabase {
  /** Base URI without a database name. */
  uri: string;
  label: string;
  targets: ChaosTarget[];
}

/** A MongoDB-wire server on a fixed port that restarts on the same port and data. */
async function restartable(name: string, start: (port: number) => Promise<MongoServer>): Promise<ChaosTarget & { uri: string; label: string }> {
  const port = await freePort();
  let server = await start(port);
  return {
    name,
    uri: server.uri,
    label: server.label,
    kill: () => killAndWait(server.processes[0]?.pid),
    async restart() {
      await server.stop();
      server = await startWithRetries(name, () => start(port));
    },
    stop: () => server.stop(),
  };
}

/** Starts the database this machine runs best (see scripts/stack/database-choice.ts) with its data under `dataDir`. */
export async function startSoakDatabase(dataDir: string, log: (line: string) => void): Promise<SoakDatabase> {
  const env = { ...process.env, MONGODB_URI: undefined };
  const choice = machineDatabaseChoice({ dataDir, persistent: false, env });
  log(describeDatabaseChoice(choice));
  const stateDir = path.join(dataDir, 'mongo');
  if (choice.kind === 'mongod') {
    const mongod = await restartable('mongod', (port) => startMongod({ binary: choice.binary, dataDir: stateDir, port }));
    return { uri: mongod.uri, label: mongod.label, targets: [mongod] };
  }
  if (choice.kind === 'external') throw new Error('the soak starts and kills its own database: unset MONGODB_URI');
  const binary = await ensureFerretBinary({ log });
  const postgres = choice.kind === 'postgresql' ? await startSoakPostgres(choice.binaries, choice.account) : undefined;
  const storage: FerretStorage = postgres ? { handler: 'postgresql', url: postgres.url } : { handler: 'sqlite', dir: stateDir };
  const ferret = await restartable('ferretdb', (port) => startFerretDb({ binary, storage, stateDir, port }));
  return { uri: ferret.uri, label: ferret.label, targets: postgres ? [ferret, postgres] : [ferret] };
}
