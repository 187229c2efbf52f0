import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { binDir, cacheDir, exeName } from './paths';
import { findOnPath, isExecutable } from './which';
import { requireGo, runGo, stderrLog, type Log } from './go-toolchain';

export const TEMPORAL_CLI_VERSION = '1.5.1';
export const FERRETDB_VERSION = '1.24.0';
const STALE_BUILD_MS = 6 * 60 * 60 * 1000;

export interface EnsureOptions {
  env?: NodeJS.ProcessEnv;
  log?: Log;
}

/** Path of a `temporal` CLI: the one on PATH, else the cached build, else builds it (first run only). */
export async function ensureTemporalBinary({ env = process.env, log = stderrLog }: EnsureOptions = {}): Promise<string> {
  const onPath = findOnPath('temporal', env);
  if (onPath) return onPath;
  const target = path.join(binDir(env), exeName(`temporal-v${TEMPORAL_CLI_VERSION}`));
  if (isExecutable(target)) return target;

  const go = requireGo('the Temporal dev server (`temporal` CLI)');
  announce(log, `Temporal CLI v${TEMPORAL_CLI_VERSION}`, target, go, 'no `temporal` on PATH and none in the cache');
  await prepareCache(env);
  // `go install` writes into GOBIN; a private GOBIN next to the target makes the final rename atomic.
  const gobin = await fs.mkdtemp(path.join(binDir(env), '.build-temporal-'));
  try {
    const version = `-X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`;
    await runGo({
      label: 'temporal',
      args: ['install', '-v', '-ldflags', `-s -w ${version}`, `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`],
      cwd: gobin,
      env: { GOBIN: gobin },
      log,
    });
    await fs.rename(path.join(gobin, exeName('temporal')), target);
  } finally {
    await fs.rm(gobin, { recursive: true, force: true });
  }
  log(`meridian: built ${target}`);
  return target;
}

/** Path of a FerretDB binary: the cached build, else builds it from the module source (first run only). */
export async function ensureFerretBinary({ env = process.env, log = stderrLog }: EnsureOptions = {}): Promise<string> {
  const target = path.join(binDir(env), exeName(`ferretdb-v${FERRETDB_VERSION}`));
  if (isExecutable(target)) return target;

  const go = requireGo('FerretDB (the embedded MongoDB-compatible server)');
  announce(log, `FerretDB v${FERRETDB_VERSION}`, target, go, 'none in the cache');
  await prepareCache(env);
  const work = await fs.mkdtemp(path.join(cacheDir(env), '.build-ferretdb-'));
  const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
  try {
    const source = await ferretSource(work, log);
    await runGo({ label: 'ferretdb', args: ['build', '-v', '-buildvcs=false', '-ldflags', '-s -w', '-o', partial, './cmd/ferretdb'], cwd: source, log });
    await fs.rename(partial, target);
  } finally {
    await fs.rm(partial, { force: true });
    await fs.rm(work, { recursive: true, force: true });
  }
  log(`meridian: built ${target}`);
  return target;
}

/**
 * A writable copy of FerretDB's module source with its version stamped. `go install …@v1.24.0` cannot be used:
 * the proxy refuses the module's version list, and the released module ships an empty build/version/version.txt,
 * which makes the binary panic at start-up.
 */
async function ferretSource(work: string, log: Log): Promise<string> {
  const json = await runGo({
    label: 'ferretdb (download)',
    args: ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@v${FERRETDB_VERSION}`],
    cwd: work,
    log,
  });
  const { Dir: moduleDir, Error: failure } = JSON.parse(json) as { Dir?: string; Error?: string };
  if (!moduleDir) throw new Error(`go mod download gave no source directory for FerretDB: ${failure ?? json}`);
  const source = path.join(work, 'src');
  await fs.cp(moduleDir, source, { recursive: true });
  await makeWritable(source); // the module cache is read-only
  await fs.writeFile(path.join(source, 'build', 'version', 'version.txt'), `v${FERRETDB_VERSION}`);
  return source;
}

/** Creates the cache and removes what builds killed mid-way (Ctrl-C skips `finally`) left behind. */
async function prepareCache(env: NodeJS.ProcessEnv): Promise<void> {
  await fs.mkdir(binDir(env), { recursive: true });
  const staleBefore = Date.now() - STALE_BUILD_MS;
  for (const dir of [cacheDir(env), binDir(env)]) {
    for (const name of await fs.readdir(dir)) {
      if (!name.startsWith('.build-') && !name.endsWith('.partial')) continue;
      const full = path.join(dir, name);
      const { mtimeMs } = await fs.stat(full);
      if (mtimeMs >= staleBefore) continue; // possibly a build running right now in another process
      await makeWritable(full).catch(() => undefined);
      await fs.rm(full, { recursive: true, force: true });
    }
  }
}

async function makeWritable(dir: string): Promise<void> {
  await fs.chmod(dir, 0o755);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await makeWritable(full);
    else if (entry.isFile()) await fs.chmod(full, 0o644);
  }
}

function announce(log: Log, what: string, target: string, go: string, why: string): void {
  log(
    `meridian: building ${what} from source with ${go} (${why}). This is a first-run-only step; ` +
      `it takes a few minutes on a fresh machine, and the result is cached at ${target}.`,
  );
}
