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
 * Routes the Temporal SDK's own logs (worker state, bundler, core) into pino at `minimum` and above and, with
 * `sdkMetrics`, serves the SDK's worker metrics on a Prometheus exporter at its bind address.
 * The SDK runtime is process-wide and can be installed once: later calls are ignored, unless they ask for metrics.
 */
export function installSdkLogger(logger: Logger, minimum: LogLevel = 'WARN', sdkMetrics?: { bindAddress: string }): void {
  const sdk = logger.child({ component: 'temporal-sdk' });
  // Prometheus conventions: seconds, the unit in histogram names, `_total` on counters.
  const prometheus = sdkMetrics && { bindAddress: sdkMetrics.bindAddress, useSecondsForDurations: true, unitSuffix: true, countersTotalSuffix: true };
  try {
    Runtime.install({
      logger: new DefaultLogger(minimum, (entry) => sdk[LEVEL[entry.level]]({ sdkMeta: entry.meta }, entry.message)),
      ...(prometheus ? { telemetryOptions: { metrics: { prometheus } } } : {}),
    });
  } catch (err) {
    // Already installed (a second worker in the same process, or a test file that already did it).
    if (sdkMetrics) throw err; // metrics asked for and not served: say so at boot
  }
}
