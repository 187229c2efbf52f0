import { postgresServerAccount, type AccountLookup } from '../../scripts/stack/postgres-account';
import { findPostgresBinaries, type PostgresLookup } from '../../scripts/stack/postgres-binaries';
import { reachFor, type DirStat } from '../../scripts/stack/postgres-reach';

/** A machine whose executables are exactly `files`, with symlinks `links` and directory listings `dirs`. */
function lookup(files: string[], { path = '', links = {}, dirs = {} }: { path?: string; links?: Record<string, string>; dirs?: Record<string, string[]> } = {}): PostgresLookup {
  return { env: { PATH: path }, isExecutable: (f) => files.includes(f), listDir: (d) => dirs[d] ?? [], realpath: (f) => links[f] ?? f };
}

describe('finding the PostgreSQL server programs', () => {
  it("takes the newest major version under Debian's lib directory, which is not on PATH", () => {
    const files = ['13', '15'].flatMap((v) => [`/usr/lib/postgresql/${v}/bin/initdb`, `/usr/lib/postgresql/${v}/bin/postgres`]);

    const found = findPostgresBinaries(lookup(files, { path: '/usr/bin', dirs: { '/usr/lib/postgresql': ['13', '15', 'README'] } }));

    expect(found).toEqual({ binDir: '/usr/lib/postgresql/15/bin', initdb: '/usr/lib/postgresql/15/bin/initdb', postgres: '/usr/lib/postgresql/15/bin/postgres' });
  });

  it('follows a postgres on PATH that links into a versioned directory, and takes initdb from there', () => {
    const files = ['/usr/local/bin/postgres', '/opt/pg/16/bin/postgres', '/opt/pg/16/bin/initdb'];

    const found = findPostgresBinaries(lookup(files, { path: '/usr/local/bin', links: { '/usr/local/bin/postgres': '/opt/pg/16/bin/postgres' } }));

    expect(found?.initdb).toBe('/opt/pg/16/bin/initdb');
  });

  it('finds nothing on a machine without them (only the client, or nothing at all)', () => {
    expect(findPostgresBinaries(lookup(['/usr/bin/psql'], { path: '/usr/bin' }))).toBeUndefined();
    expect(findPostgresBinaries(lookup(['/usr/lib/postgresql/15/bin/postgres'], { dirs: { '/usr/lib/postgresql': ['15'] } }))).toBeUndefined();
  });
});

describe('the account PostgreSQL runs as', () => {
  const account = (uid: number, tools: string[] = ['setpriv', 'runuser']): AccountLookup => ({
    uid,
    passwd: (name) => (name === 'postgres' ? { uid: 101, gid: 104, home: '/var/lib/postgresql' } : undefined),
    findOnPath: (name) => (tools.includes(name) ? `/usr/bin/${name}` : undefined),
  });

  it('is this user for anyone but root', () => {
    expect(postgresServerAccount(account(1000))).toMatchObject({ runAs: [] });
  });

  it('is the postgres account for root (PostgreSQL refuses root), through setpriv, else runuser', () => {
    expect(postgresServerAccount(account(0))).toEqual({
      name: 'postgres',
      uid: 101,
      gid: 104,
      home: '/var/lib/postgresql',
      runAs: ['/usr/bin/setpriv', '--reuid=101', '--regid=104', '--init-groups', '--'],
    });
    expect(postgresServerAccount(account(0, ['runuser']))).toMatchObject({ runAs: ['/usr/bin/runuser', '-u', 'postgres', '--'] });
    expect(postgresServerAccount({ ...account(0), passwd: () => undefined })).toMatchObject({ unavailable: expect.stringContaining('no "postgres" account') });
  });
});

describe('whether the postgres account can reach a data directory', () => {
  const postgres = { name: 'postgres', uid: 101, gid: 104, home: '/var/lib/postgresql', runAs: ['setpriv'] };
  const dirs: Record<string, DirStat> = {
    '/': { uid: 0, gid: 0, mode: 0o755 },
    '/root': { uid: 0, gid: 0, mode: 0o700 },
    '/root/.cache': { uid: 0, gid: 0, mode: 0o700 },
    '/root/.cache/meridian': { uid: 0, gid: 0, mode: 0o755 },
    '/root/.cache/meridian/data': { uid: 0, gid: 0, mode: 0o755 },
    '/tmp': { uid: 0, gid: 0, mode: 0o1777 },
    '/tmp/meridian-start-x': { uid: 0, gid: 0, mode: 0o700 },
    '/tmp/meridian-start-x/data': { uid: 0, gid: 0, mode: 0o755 },
  };
  const stat = (dir: string) => dirs[dir]!;

  it("is closed by root's home (mode 700), which Meridian never opens", () => {
    const reach = reachFor('/root/.cache/meridian/data/postgres', postgres, ['/root/.cache/meridian'], stat);

    expect(reach).toEqual({ reachable: false, closedBy: '/root' });
  });

  it("opens Meridian's own private cache dir to the account's group, and nothing else", () => {
    const reach = reachFor('/tmp/meridian-start-x/data/postgres', postgres, ['/tmp/meridian-start-x'], stat);

    expect(reach).toEqual({ reachable: true, grant: ['/tmp/meridian-start-x'] });
  });

  it('needs nothing when the server runs as this process user', () => {
    expect(reachFor('/root/.cache/meridian/data/postgres', { ...postgres, name: undefined }, [], stat)).toEqual({ reachable: true, grant: [] });
  });
});
