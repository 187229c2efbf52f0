/**
 * An API process for the benches: the real server (`startServer`, as `api/server.ts` runs it in Docker Compose) on a
 * free port, configured by the environment. Tells the bench its URL over IPC, answers heap queries, stops on request.
 */
import { startServer } from '../api/server';
import { loadConfig } from '../config/config';
import { createLogger } from '../config/logger';
import { heapAfterGc } from './api-heap';

/** Messages to the bench process. */
export type ApiChildReply = { type: 'ready'; url: string } | { type: 'heap'; bytes: number } | { type: 'stopped' };
/** Messages from the bench process. */
export type ApiChildRequest = { type: 'heap' } | { type: 'stop' };

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: 'fatal', name: 'bench-api' }); // the load loop counts failures
  const server = await startServer(config, logger);
  const stop = async () => {
    await server.close();
    process.send?.({ type: 'stopped' } satisfies ApiChildReply, () => process.exit(0));
  };
  process.on('message', (msg: ApiChildRequest) => {
    if (msg.type === 'stop') void stop();
    if (msg.type === 'heap') process.send?.({ type: 'heap', bytes: heapAfterGc() } satisfies ApiChildReply);
  });
  process.once('disconnect', () => void server.close().finally(() => process.exit(0))); // the bench went away
  process.send?.({ type: 'ready', url: server.url } satisfies ApiChildReply);
}

main().catch((err: unknown) => {
  console.error('bench api:', err instanceof Error ? err.stack : err);
  process.exit(1);
});
