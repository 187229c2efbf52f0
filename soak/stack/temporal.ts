/** The Temporal dev server on a SQLite file, so a SIGKILLed server comes back with every workflow on the same port. */
import { ensureTemporalBinary } from '../../scripts/stack/binaries';
import { freePort } from '../../scripts/stack/free-port';
import { startTemporalDevServer, type TemporalDevServer } from '../../scripts/stack/temporal-server';
import { killAndWait, startWithRetries, type ChaosTarget } from './chaos-target';

/** Starts the dev server on a free port with its state in `dbFile`. */
export async function startTemporal(dbFile: string, log: (line: string) => void): Promise<ChaosTarget & { address: string }> {
  const binary = await ensureTemporalBinary({ log });
  const port = await freePort();
  const start = () => startTemporalDevServer({ binary, port, headless: true, dbFile });
  let server: TemporalDevServer = await start();
  return {
    name: 'temporal',
    address: server.address,
    kill: () => killAndWait(server.pid),
    async restart() {
      await server.stop(); // the wrapper is gone with its server; this only settles it
      server = await startWithRetries('Temporal dev server', start);
    },
    stop: () => server.stop(),
  };
}
