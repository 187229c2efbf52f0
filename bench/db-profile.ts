/**
 * Database round trips by command, collection and filter shape, from the driver's command monitoring (connect with
 * `monitorCommands: true`). The filter shape matters on FerretDB's SQLite backend: only `{ _id }` is pushed down.
 */
import type { mongo } from 'mongoose';

export interface CommandStats {
  count: number;
  totalMs: number;
}
export type DbProfile = Record<string, CommandStats>;

type Doc = Record<string, unknown>;

function filterOf(command: Doc): Doc | undefined {
  const first = (list: unknown, key: string) => (Array.isArray(list) ? ((list[0] as Doc | undefined)?.[key] as Doc | undefined) : undefined);
  switch (command.find ? 'find' : Object.keys(command)[0]) {
    case 'find':
      return command.filter as Doc | undefined;
    case 'update':
      return first(command.updates, 'q');
    case 'delete':
      return first(command.deletes, 'q');
    case 'findAndModify':
      return command.query as Doc | undefined;
    default:
      return undefined;
  }
}

function label(name: string, command: Doc): string {
  const collection = typeof command[name] === 'string' ? (command[name] as string) : '';
  const filter = filterOf(command);
  return `${name} ${collection}${filter ? ` {${Object.keys(filter).join(',')}}` : ''}`.trim();
}

/** Starts counting the client's commands; `snapshot()` returns totals so far, most time first. */
export function profileCommands(client: mongo.MongoClient): { snapshot(): DbProfile } {
  const started = new Map<number, string>();
  const stats: DbProfile = {};
  client.on('commandStarted', (e) => started.set(e.requestId, label(e.commandName, e.command as Doc)));
  const done = (e: { requestId: number; duration: number }) => {
    const key = started.get(e.requestId);
    if (!key) return;
    started.delete(e.requestId);
    const s = (stats[key] ??= { count: 0, totalMs: 0 });
    s.count += 1;
    s.totalMs += e.duration;
  };
  client.on('commandSucceeded', done);
  client.on('commandFailed', done);
  return {
    snapshot: () => Object.fromEntries(Object.entries(stats).sort(([, a], [, b]) => b.totalMs - a.totalMs)),
  };
}
