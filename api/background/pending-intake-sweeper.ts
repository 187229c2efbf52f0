import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import { loggableError, type Logger } from '../../config/logger';
import { completePendingIntakes } from '../../services/intake/complete-pending-intakes';

const EVERY_MS = 60_000;
/** An intake younger than this may still be finishing its request (the Temporal start has a 5 s deadline). */
const AFTER_MS = 2 * 60_000;

/** Completes abandoned intakes once a minute in the API process; every API process may run one (it is idempotent). */
export function startPendingIntakeSweeper(deps: { config: Config; temporal: Client; logger: Logger }): { stop(): void } {
  let running = false;
  const sweep = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const completed = await completePendingIntakes(deps, new Date(Date.now() - AFTER_MS));
      if (completed.length > 0) deps.logger.info({ tickets: completed.length }, 'abandoned intakes completed');
    } catch (err) {
      deps.logger.warn({ err: loggableError(err) }, 'completing abandoned intakes failed; next try in a minute');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
