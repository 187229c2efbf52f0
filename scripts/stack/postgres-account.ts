import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { findOnPath } from './which';

/** The system account the Debian package creates for PostgreSQL; Meridian runs the server as it when root. */
export const POSTGRES_ACCOUNT = 'postgres';

/** Who runs `initdb` and `postgres`: this process's own user, or the `postgres` account when this process is root. */
export interface ServerAccount {
  /** The account's name when it is not this process's user. */
  name?: string;
  uid: number;
  gid: number;
  home: string;
  /** What runs a command as the account (`setpriv … --`): empty for this process's own user. */
  runAs: string[];
}

/** A user's entry in the password database. */
export interface PasswdEntry {
  uid: number;
  gid: number;
  home: string;
}

/** What choosing the account reads from the machine; injectable for tests. */
export interface AccountLookup {
  /** This process's uid (undefined on Windows). */
  uid: number | undefined;
  passwd(name: string): PasswdEntry | undefined;
  findOnPath(name: string): string | undefined;
}

/** The lookup on this machine. */
export const machineAccountLookup: AccountLookup = {
  uid: process.getuid?.(),
  passwd: readPasswd,
  findOnPath: (name) => findOnPath(name),
};

/**
 * The account PostgreSQL runs as, or why there is none. PostgreSQL refuses to run as root, so root (CI, many
 * containers) runs it as the `postgres` account with `setpriv` (which execs: signals reach the server itself),
 * else `runuser`; any other user runs it as itself.
 */
export function postgresServerAccount(lookup: AccountLookup = machineAccountLookup): ServerAccount | { unavailable: string } {
  if (lookup.uid !== 0) return { uid: lookup.uid ?? -1, gid: process.getgid?.() ?? -1, home: os.homedir(), runAs: [] };
  const entry = lookup.passwd(POSTGRES_ACCOUNT);
  if (!entry) return { unavailable: `running as root, and there is no "${POSTGRES_ACCOUNT}" account to run PostgreSQL as (PostgreSQL refuses root)` };
  const setpriv = lookup.findOnPath('setpriv');
  const runuser = lookup.findOnPath('runuser');
  const runAs = setpriv
    ? [setpriv, `--reuid=${entry.uid}`, `--regid=${entry.gid}`, '--init-groups', '--']
    : runuser
      ? [runuser, '-u', POSTGRES_ACCOUNT, '--']
      : undefined;
  if (!runAs) return { unavailable: 'running as root, and neither `setpriv` nor `runuser` is on PATH to run PostgreSQL as another account' };
  return { name: POSTGRES_ACCOUNT, ...entry, runAs };
}

/** The account's entry from `getent passwd` (NSS), else /etc/passwd. */
function readPasswd(name: string): PasswdEntry | undefined {
  let line: string | undefined;
  try {
    line = execFileSync('getent', ['passwd', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    line = fs.existsSync('/etc/passwd') ? fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`)) : undefined;
  }
  const fields = line?.split(':');
  if (!fields || fields.length < 6) return undefined;
  return { uid: Number(fields[2]), gid: Number(fields[3]), home: fields[5]! };
}
