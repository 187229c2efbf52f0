import { chooseDatabase, describeDatabaseChoice, type ChoiceInput } from '../../scripts/stack/database-choice';
import type { ServerAccount } from '../../scripts/stack/postgres-account';

const PG = { binDir: '/usr/lib/postgresql/15/bin', initdb: '/usr/lib/postgresql/15/bin/initdb', postgres: '/usr/lib/postgresql/15/bin/postgres' };
const POSTGRES_ACCOUNT: ServerAccount = { name: 'postgres', uid: 101, gid: 104, home: '/var/lib/postgresql', runAs: ['/usr/bin/setpriv', '--'] };

/** A machine with PostgreSQL, no mongod, no MONGODB_URI and a fresh data dir; each test changes one thing. */
function machine(overrides: Partial<ChoiceInput> = {}): ChoiceInput {
  return {
    env: {},
    sqliteDataOnly: false,
    findMongod: () => undefined,
    findPostgres: () => PG,
    postgresAccount: () => POSTGRES_ACCOUNT,
    ...overrides,
  };
}

describe('which database the embedded stack runs', () => {
  it.each([
    ['MONGODB_URI names a server', machine({ env: { MONGODB_URI: 'mongodb://db:27017' }, findMongod: () => '/usr/bin/mongod' }), 'external'],
    ['mongod is on PATH', machine({ findMongod: () => '/usr/bin/mongod' }), 'mongod'],
    ['PostgreSQL is installed', machine(), 'postgresql'],
    ['PostgreSQL is not installed', machine({ findPostgres: () => undefined }), 'sqlite'],
    ['root has no postgres account to run it as', machine({ postgresAccount: () => ({ unavailable: 'no "postgres" account' }) }), 'sqlite'],
    ['the data dir already holds SQLite data', machine({ sqliteDataOnly: true }), 'sqlite'],
    ['MERIDIAN_EMBEDDED_DATABASE asks for SQLite', machine({ env: { MERIDIAN_EMBEDDED_DATABASE: 'sqlite' } }), 'sqlite'],
    ['the bench asks for PostgreSQL beside SQLite data', machine({ sqliteDataOnly: true, wanted: 'postgresql', findMongod: () => '/usr/bin/mongod' }), 'postgresql'],
  ])('when %s: %s', (_when, input, kind) => {
    expect(chooseDatabase(input).kind).toBe(kind);
  });

  it('prints the choice, the reason for SQLite and the order of preference', () => {
    const line = describeDatabaseChoice(chooseDatabase(machine({ findPostgres: () => undefined })));

    expect(line).toBe(
      'meridian: database: FerretDB on SQLite (no PostgreSQL server programs (initdb and postgres on PATH or under ' +
        '/usr/lib/postgresql/<version>/bin)); order of preference: MONGODB_URI → mongod on PATH → FerretDB on PostgreSQL → FerretDB on SQLite',
    );
  });

  it('refuses a database that was asked for and cannot run here, saying why', () => {
    expect(() => chooseDatabase(machine({ wanted: 'postgresql', findPostgres: () => undefined }))).toThrow(
      'FerretDB on PostgreSQL was asked for, and no PostgreSQL server programs',
    );
    expect(() => chooseDatabase(machine({ env: { MERIDIAN_EMBEDDED_DATABASE: 'mysql' } }))).toThrow();
  });
});
