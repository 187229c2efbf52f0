/**
 * Locates or builds (first run only) the dev-stack binaries that `npm test` and `npm start` need, and the classpath of
 * the time-skipping test server that the SLA timer tests run on, and prints them.
 */
import os from 'node:os';
import { ensureFerretBinary, ensureTemporalBinary } from './stack/binaries';
import { machineDatabaseChoice } from './stack/embedded-database';
import { ensureTestServerClasspath, TEMPORAL_TEST_SERVER_VERSION } from './stack/test-server-classpath';
import { javaCommand } from './stack/temporal-test-server';

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  if (env.TEMPORAL_ADDRESS) console.log(`temporal: not needed, TEMPORAL_ADDRESS=${env.TEMPORAL_ADDRESS}`);
  else console.log(`temporal: ${await ensureTemporalBinary({ env })}`);

  // What the tests' global setup will choose (a throwaway data dir, like theirs).
  const choice = machineDatabaseChoice({ dataDir: os.tmpdir(), persistent: false, env });
  if (choice.kind === 'external') console.log('mongodb:  not needed, MONGODB_URI is set');
  else if (choice.kind === 'mongod') console.log(`mongodb:  ${choice.binary}`);
  else if (choice.kind === 'postgresql') console.log(`mongodb:  ${await ensureFerretBinary({ env })} (FerretDB on PostgreSQL in ${choice.binaries.binDir})`);
  else console.log(`mongodb:  ${await ensureFerretBinary({ env })} (FerretDB on SQLite: ${choice.why})`);

  // Always needed: time-skipping tests start private test servers even when TEMPORAL_ADDRESS is set.
  const java = javaCommand(env);
  const lib = await ensureTestServerClasspath({ env });
  console.log(`temporal test server: ${lib} (v${TEMPORAL_TEST_SERVER_VERSION}, run with ${java})`);
}

main(process.env).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
