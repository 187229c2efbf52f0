/** The scale bench's options: how many tickets, the worker's cache, the side-by-side count, the database. */
import { parseArgs } from 'node:util';
import type { EmbeddedDatabase } from '../../scripts/stack/database-choice';

export interface ScaleOptions {
  /** Open tickets in all (the breach share and the tail included). */
  tickets: number;
  /** Of them, tickets whose first response breaches inside one minute (a tenth). */
  breachTickets: number;
  /** The worker's maxCachedWorkflows: a fifth of the tickets unless given, so evictions and replays happen. */
  cacheSize: number;
  /** Tickets per side of the 1-vs-2-processes comparison. */
  compareTickets: number;
  concurrency: number;
  /** The embedded database; by default the first this machine can run (PostgreSQL before SQLite). */
  database: EmbeddedDatabase | undefined;
}

const DATABASES: Record<string, EmbeddedDatabase> = { sqlite: 'sqlite', postgres: 'postgresql', postgresql: 'postgresql', mongod: 'mongod' };

/** `--scale --scale-tickets 10000 [--scale-cache N] [--scale-compare N] [--concurrency 16] [--db postgres]`. */
export function scaleOptionsFromArgs(argv = process.argv.slice(2)): ScaleOptions {
  const text = { type: 'string' as const };
  const { values } = parseArgs({
    args: argv,
    options: { scale: { type: 'boolean' }, 'scale-tickets': text, 'scale-cache': text, 'scale-compare': text, concurrency: text, db: text },
  });
  const tickets = Number(values['scale-tickets'] ?? 10_000);
  if (!Number.isInteger(tickets) || tickets < 50) throw new Error(`--scale-tickets takes a whole number ≥ 50, not "${values['scale-tickets']}"`);
  const cacheSize = Number(values['scale-cache'] ?? Math.max(10, Math.round(tickets / 5)));
  const database = values.db === undefined ? undefined : DATABASES[values.db];
  if (values.db !== undefined && !database) throw new Error(`--db takes sqlite, postgres or mongod with --scale, not "${values.db}"`);
  return {
    tickets,
    breachTickets: Math.round(tickets / 10),
    cacheSize,
    compareTickets: Number(values['scale-compare'] ?? Math.max(100, Math.round(tickets / 10))),
    concurrency: Number(values.concurrency ?? 16),
    database,
  };
}
