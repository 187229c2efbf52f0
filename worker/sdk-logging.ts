import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../config/logger';

const LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * Routes the Temporal SDK's own logs (worker state, bundler, core) into pino at `minimum` and above.
 * The SDK runtime is process-wide and can be installed once: later calls are ignored.
 */
export function installSdkLogger(logger: Logger, minimum: LogLevel = 'WARN'): void {
  const sdk = logger.child({ component: 'temporal-sdk' });
  try {
    Runtime.install({ logger: new DefaultLogger(minimum, (entry) => sdk[LEVEL[entry.level]]({ sdkMeta: entry.meta }, entry.message)) });
  } catch {
    // Already installed (a second worker in the same process, or a test file that already did it).
  }
}
