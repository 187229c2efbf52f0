import { z } from 'zod';
import type { ServerAccount } from './postgres-account';
import type { PostgresBinaries } from './postgres-binaries';
import { DatabaseUnavailableError } from './stack-errors';

/** The embedded databases, by the name MERIDIAN_EMBEDDED_DATABASE and `npm run bench -- --db` use. */
export const EMBEDDED_DATABASES = ['mongod', 'postgresql', 'sqlite'] as const;
/** One embedded database by name. */
export type EmbeddedDatabase = (typeof EMBEDDED_DATABASES)[number];

const EmbeddedDatabaseEnvSchema = z.enum(EMBEDDED_DATABASES).optional();

/** Which MongoDB-compatible server the stack uses, and with what. */
export type DatabaseChoice =
  | { kind: 'external' }
  | { kind: 'mongod'; binary: string }
  | { kind: 'postgresql'; binaries: PostgresBinaries; account: ServerAccount }
  | { kind: 'sqlite'; why: string };

/** What the choice depends on; each lookup is injected, so a test can stand for any machine. */
export interface ChoiceInput {
  env: NodeJS.ProcessEnv;
  /** Asked for by the caller (the bench's --db); else MERIDIAN_EMBEDDED_DATABASE; else the first that works. */
  wanted?: EmbeddedDatabase;
  /** FerretDB's SQLite files from earlier starts are in the data dir (and no PostgreSQL cluster is). */
  sqliteDataOnly: boolean;
  findMongod(): string | undefined;
  findPostgres(): PostgresBinaries | undefined;
  postgresAccount(): ServerAccount | { unavailable: string };
}

/** The order of preference, as printed at start. */
export const PREFERENCE = 'MONGODB_URI → mongod on PATH → FerretDB on PostgreSQL → FerretDB on SQLite';

/**
 * Picks the database: MONGODB_URI, else `mongod` on PATH, else FerretDB on PostgreSQL when its server programs
 * and an account to run them exist, else FerretDB on SQLite. A data dir that already holds SQLite data keeps
 * SQLite (PostgreSQL would start empty beside Temporal's workflows for those tickets). Throws when the database
 * asked for cannot run here.
 */
export function chooseDatabase(input: ChoiceInput): DatabaseChoice {
  if (input.env.MONGODB_URI) return { kind: 'external' };
  const wanted = input.wanted ?? EmbeddedDatabaseEnvSchema.parse(input.env.MERIDIAN_EMBEDDED_DATABASE || undefined);
  const mongod = wanted === undefined || wanted === 'mongod' ? input.findMongod() : undefined;
  if (mongod) return { kind: 'mongod', binary: mongod };
  if (wanted === 'mongod') throw new DatabaseUnavailableError('mongod', 'there is no `mongod` on PATH');
  if (wanted === 'sqlite') return { kind: 'sqlite', why: 'asked for' };
  const postgres = postgresChoice(input);
  if (postgres.kind === 'postgresql') {
    if (wanted === 'postgresql' || !input.sqliteDataOnly) return postgres;
    return { kind: 'sqlite', why: 'this data dir holds SQLite data from earlier starts; PostgreSQL would start empty' };
  }
  if (wanted === 'postgresql') throw new DatabaseUnavailableError('FerretDB on PostgreSQL', postgres.why);
  return postgres;
}

function postgresChoice(input: ChoiceInput): DatabaseChoice & { kind: 'postgresql' | 'sqlite' } {
  const binaries = input.findPostgres();
  if (!binaries) return { kind: 'sqlite', why: 'no PostgreSQL server programs (initdb and postgres on PATH or under /usr/lib/postgresql/<version>/bin)' };
  const account = input.postgresAccount();
  if ('unavailable' in account) return { kind: 'sqlite', why: account.unavailable };
  return { kind: 'postgresql', binaries, account };
}

/** One line for the start: what runs and why, with the order of preference. */
export function describeDatabaseChoice(choice: DatabaseChoice): string {
  const what = {
    external: () => 'the server at MONGODB_URI',
    mongod: () => `mongod (${choice.kind === 'mongod' ? choice.binary : ''})`,
    postgresql: () => `FerretDB on PostgreSQL (${choice.kind === 'postgresql' ? choice.binaries.binDir : ''})`,
    sqlite: () => `FerretDB on SQLite (${choice.kind === 'sqlite' ? choice.why : ''})`,
  } satisfies Record<DatabaseChoice['kind'], () => string>;
  return `meridian: database: ${what[choice.kind]()}; order of preference: ${PREFERENCE}`;
}
