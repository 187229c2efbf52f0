import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { cacheDir } from './paths';
import { stderrLog, type Log } from './go-toolchain';
import { requireMaven, runMaven } from './maven';

/** Version of `io.temporal:temporal-test-server` (Java SDK 1.38.0, August 2026). */
export const TEMPORAL_TEST_SERVER_VERSION = '1.38.0';
const POM = path.join(__dirname, 'temporal-test-server.pom.xml');
const STALE_FETCH_MS = 60 * 60 * 1000;

/** Directory that holds (or will hold) the test server's jars: `<cache>/test-server/<version>/lib`. */
export function testServerLibDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheDir(env), 'test-server', TEMPORAL_TEST_SERVER_VERSION, 'lib');
}

/**
 * The classpath directory of Temporal's time-skipping test server: the cached one, else fetched once from Maven
 * Central with `mvn dependency:copy-dependencies` into a temporary directory that is renamed into place when complete.
 */
export async function ensureTestServerClasspath({ env = process.env, log = stderrLog }: { env?: NodeJS.ProcessEnv; log?: Log } = {}): Promise<string> {
  const lib = testServerLibDir(env);
  if (existsSync(lib)) return lib;
  const versionDir = path.dirname(lib);
  const maven = requireMaven('the Temporal time-skipping test server (Java) for the SLA timer tests');
  log(
    `meridian: fetching the Temporal test server v${TEMPORAL_TEST_SERVER_VERSION} and its dependencies with ${maven} ` +
      `(none in the cache). This is a first-run-only step; the jars are cached at ${lib}.`,
  );
  await fs.mkdir(path.dirname(versionDir), { recursive: true });
  await removeStaleFetches(path.dirname(versionDir));
  const work = await fs.mkdtemp(path.join(path.dirname(versionDir), '.build-'));
  try {
    await fs.chmod(work, 0o755); // mkdtemp makes it private; the cache is readable like the rest
    const args = ['dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${path.join(work, 'lib')}`];
    await runMaven({ label: 'test server', pom: POM, args: [...args, `-Dtemporal.version=${TEMPORAL_TEST_SERVER_VERSION}`], log });
    await fs.rename(work, versionDir);
  } catch (err) {
    if (!existsSync(lib)) throw err; // unless a concurrent run (another jest worker) put the same jars in place first
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  log(`meridian: cached the test server classpath at ${lib}`);
  return lib;
}

/** Removes what fetches killed mid-way (Ctrl-C skips `finally`) left behind; recent ones may still be running. */
async function removeStaleFetches(dir: string): Promise<void> {
  const staleBefore = Date.now() - STALE_FETCH_MS;
  for (const name of await fs.readdir(dir)) {
    if (!name.startsWith('.build-')) continue;
    const full = path.join(dir, name);
    if ((await fs.stat(full)).mtimeMs < staleBefore) await fs.rm(full, { recursive: true, force: true });
  }
}
