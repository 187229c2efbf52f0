import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import type { AccountLookup } from '../../scripts/stack/postgres-account';
import type { PostgresLookup } from '../../scripts/stack/postgres-binaries';
import { EmbeddedStackError } from '../../scripts/stack/stack-errors';
import { startEmbeddedStack, type EmbeddedStack } from '../../scripts/stack/stack';
import { isExecutable } from '../../scripts/stack/which';

/** The test Temporal from jest's global setup, but no MONGODB_URI, and a PATH with node alone (no mongod). */
function databaseOnlyEnv(): NodeJS.ProcessEnv {
  const { MONGODB_URI: _m, MERIDIAN_EMBEDDED_DATABASE: _d, ...env } = process.env;
  return { ...env, PATH: path.dirname(process.execPath) };
}

/** A machine without PostgreSQL: nothing on PATH, no Debian lib directory. */
const NO_POSTGRES: PostgresLookup = { env: { PATH: '' }, isExecutable: () => false, listDir: () => [], realpath: (f) => f };
/** Runs PostgreSQL's programs as this process's user, whoever that is (for stand-in programs). */
const OWN_USER: AccountLookup = { uid: 1000, passwd: () => undefined, findOnPath: () => undefined };

async function roundTrip(stack: EmbeddedStack, value: string): Promise<unknown> {
  const db = await mongoose.createConnection(`${stack.mongoUri}/embedded_probe`).asPromise();
  try {
    const probes = db.collection<{ _id: string; value: string }>('probes');
    await probes.updateOne({ _id: value }, { $setOnInsert: { value } }, { upsert: true });
    return (await probes.find({}, { sort: { _id: 1 } }).toArray()).map((d) => d.value);
  } finally {
    await db.close();
  }
}

describe('the embedded database', () => {
  let dataDir: string;
  const logged: string[] = [];
  const log = (line: string) => logged.push(line);
  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-db-'));
    logged.length = 0;
  });
  afterEach(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('falls back to FerretDB on SQLite, and says why, on a machine without PostgreSQL', async () => {
    const stack = await startEmbeddedStack({ dataDir, persistent: true, env: databaseOnlyEnv(), log, machine: { postgres: NO_POSTGRES } });
    try {
      expect(stack.started).toEqual(['FerretDB on SQLite']);
      expect(await roundTrip(stack, 'stored on SQLite')).toEqual(['stored on SQLite']);
    } finally {
      await stack.stop();
    }
    expect(logged).toContainEqual(expect.stringMatching(/^meridian: database: FerretDB on SQLite \(no PostgreSQL server programs/));
    expect((await fs.readdir(path.join(dataDir, 'mongo'))).filter((f) => f.endsWith('.sqlite'))).toEqual(['embedded_probe.sqlite']);
  });

  it('keeps what was stored across a stop and a start on the same data dir (npm start)', async () => {
    const first = await startEmbeddedStack({ dataDir, persistent: true, env: databaseOnlyEnv(), log });
    try {
      await roundTrip(first, 'before the restart');
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedStack({ dataDir, persistent: true, env: databaseOnlyEnv(), log });
    try {
      expect(second.started).toEqual(first.started);
      expect(await roundTrip(second, 'after the restart')).toEqual(['after the restart', 'before the restart']);
    } finally {
      await second.stop();
    }
  });

  it('names PostgreSQL, why it did not start and its last log lines', async () => {
    const bin = path.join(dataDir, 'bin');
    await fs.mkdir(bin);
    await fs.writeFile(path.join(bin, 'initdb'), '#!/bin/sh\nmkdir -p "$2" && echo 15 > "$2/PG_VERSION"\n', { mode: 0o755 });
    const failingServer = [
      '#!/bin/sh',
      'if [ "$1" = --single ]; then cat > /dev/null; exit 0; fi',
      'echo "LOG:  starting PostgreSQL 15.18" >&2',
      'echo "FATAL:  could not create shared memory segment: No space left on device" >&2',
      'exit 1',
    ];
    await fs.writeFile(path.join(bin, 'postgres'), `${failingServer.join('\n')}\n`, { mode: 0o755 });
    const postgres: PostgresLookup = { env: { PATH: bin }, isExecutable, listDir: () => [], realpath: (f) => f };

    const started = startEmbeddedStack({ dataDir, env: databaseOnlyEnv(), log, database: 'postgresql', machine: { postgres, account: OWN_USER } });

    const err = await started.then((stack) => stack.stop().then(() => new Error('PostgreSQL started')), (reason: unknown) => reason);
    expect(err).toBeInstanceOf(EmbeddedStackError);
    const message = (err as Error).message;
    expect(message).toMatch(/PostgreSQL exited with code 1 before admitting sessions on \/\S+\/\.s\.PGSQL\.5432/);
    expect(message).toContain('FATAL:  could not create shared memory segment: No space left on device');
  });
});
