/**
 * Locates or builds (first run only) the dev-stack binaries that `npm test` and `npm start` need, and the classpath of
 * the time-skipping test server that the SLA timer tests run on, and prints them.
 */
import { ensureFerretBinary, ensureTemporalBinary } from './stack/binaries';
import { ensureTestServerClasspath, TEMPORAL_TEST_SERVER_VERSION } from './stack/test-server-classpath';
import { javaCommand } from './stack/temporal-test-server';
import { findOnPath } from './stack/which';

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  if (env.TEMPORAL_ADDRESS) console.log(`temporal: not needed, TEMPORAL_ADDRESS=${env.TEMPORAL_ADDRESS}`);
  else console.log(`temporal: ${await ensureTemporalBinary({ env })}`);

  const mongod = findOnPath('mongod', env);
  if (env.MONGODB_URI) console.log('mongodb:  not needed, MONGODB_URI is set');
  else if (mongod) console.log(`mongodb:  ${mongod}`);
  else console.log(`mongodb:  ${await ensureFerretBinary({ env })} (FerretDB)`);

  // Always needed: time-skipping tests start private test servers even when TEMPORAL_ADDRESS is set.
  const java = javaCommand(env);
  const lib = await ensureTestServerClasspath({ env });
  console.log(`temporal test server: ${lib} (v${TEMPORAL_TEST_SERVER_VERSION}, run with ${java})`);
}

main(process.env).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
