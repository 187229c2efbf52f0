import type { RequestHandler } from 'express';
import type { Logger } from '../../config/logger';
import { loggableError } from '../../config/logger';

/** The configuration a waiting ticket may be missing. */
export const CONFIG_PATHS = ['/api/regions', '/api/departments', '/api/sla-policies', '/api/triage-rules', '/api/processes'];

/**
 * After every successful configuration write, runs `wake` (tickets in `needs_attention` try again at once). Runs in
 * the background, one at a time: writes that land while a wake runs are covered by one more run after it.
 */
export function wakeOnConfigurationChange(wake: () => Promise<unknown>, logger: Logger): RequestHandler {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = wake()
      .then(() => undefined)
      .catch((err: unknown) => logger.warn({ err: loggableError(err) }, 'waking tickets after a configuration change failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') res.once('finish', () => res.statusCode < 300 && run());
    next();
  };
}
