/**
 * An API process for the scale bench: the real server (`startServer` with the ticket routers) on a free port,
 * configured by the environment like `api/main`. Tells the bench its URL over IPC and stops on request.
 */
import { ticketRouters } from '../../api/ticket-routers';
import { startServer } from '../../api/server';
import { loadConfig } from '../../config/config';
import { createLogger } from '../../config/logger';

/** Messages to the bench process. */
export type ApiChildReply = { type: 'ready'; url: string } | { type: 'stopped' };

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: 'fatal', name: 'bench-api' }); // the load loop counts failures
  const server = await startServer(config, logger, {
    extraRouters: ({ config: c, temporal }) => ticketRouters({ config: c, temporal }).map((router) => ({ path: '/', router })),
  });
  const stop = async () => {
    await server.close();
    process.send?.({ type: 'stopped' } satisfies ApiChildReply, () => process.exit(0));
  };
  process.on('message', (msg: { type: 'stop' }) => void (msg.type === 'stop' && stop()));
  process.once('disconnect', () => void server.close().finally(() => process.exit(0))); // the bench went away
  process.send?.({ type: 'ready', url: server.url } satisfies ApiChildReply);
}

main().catch((err: unknown) => {
  console.error('bench api:', err instanceof Error ? err.stack : err);
  process.exit(1);
});
