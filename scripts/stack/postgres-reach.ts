import path from 'node:path';
import type { ServerAccount } from './postgres-account';

/** The part of a directory's status that decides who may pass through it. */
export interface DirStat {
  uid: number;
  gid: number;
  mode: number;
}

/** Whether the server account can reach a directory, and what it takes. */
export type Reach =
  /** Reachable once these directories (Meridian's own) let the account's group through. */
  | { reachable: true; grant: string[] }
  /** Closed by a directory Meridian does not own, e.g. root's home (mode 700). */
  | { reachable: false; closedBy: string };

/**
 * Whether `account` can reach `dir`: it needs search (x) permission on every directory above it. Directories
 * inside `ownRoots` (Meridian's cache and data dirs) may be opened to the account's group; anything else, such
 * as a home directory, is never changed, and a closed one makes the directory unreachable. ACLs are not read.
 */
export function reachFor(dir: string, account: ServerAccount, ownRoots: string[], stat: (dir: string) => DirStat): Reach {
  if (!account.name) return { reachable: true, grant: [] }; // the server runs as this process's own user
  const grant: string[] = [];
  for (const ancestor of ancestorsOf(dir)) {
    if (passable(stat(ancestor), account)) continue;
    if (!ownRoots.some((root) => isWithin(ancestor, root))) return { reachable: false, closedBy: ancestor };
    grant.push(ancestor);
  }
  return { reachable: true, grant };
}

function passable({ uid, gid, mode }: DirStat, account: ServerAccount): boolean {
  if (uid === account.uid) return (mode & 0o100) !== 0;
  if (gid === account.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

/** `/a/b/c` → `/`, `/a`, `/a/b` (the directories one passes through to reach it). */
function ancestorsOf(dir: string): string[] {
  const result: string[] = [];
  for (let parent = path.dirname(path.resolve(dir)); ; parent = path.dirname(parent)) {
    result.unshift(parent);
    if (parent === path.dirname(parent)) return result;
  }
}

function isWithin(dir: string, root: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(dir));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
