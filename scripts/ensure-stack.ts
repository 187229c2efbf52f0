/** Locates or builds (first run only) the dev-stack binaries that `npm test` and `npm start` need, and prints them. */
import { ensureFerretBinary, ensureTemporalBinary } from './stack/binaries';
import { findOnPath } from './stack/which';

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  if (env.TEMPORAL_ADDRESS) console.log(`temporal: not needed, TEMPORAL_ADDRESS=${env.TEMPORAL_ADDRESS}`);
  else console.log(`temporal: ${await ensureTemporalBinary({ env })}`);

  const mongod = findOnPath('mongod', env);
  if (env.MONGODB_URI) console.log('mongodb:  not needed, MONGODB_URI is set');
  else if (mongod) console.log(`mongodb:  ${mongod}`);
  else console.log(`mongodb:  ${await ensureFerretBinary({ env })} (FerretDB)`);
}

main(process.env).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
