/** What every phase of the scale bench works with: the servers, the worker and API processes, the options. */
import type { BenchServers } from '../servers';
import type { WorkerProcess } from '../worker-process';
import type { ApiProcess } from '../api-process';
import type { ScaleOptions } from './scale-options';

export interface ScaleContext {
  servers: BenchServers;
  /** The measured worker (its cache holds `options.cacheSize` workflows). */
  worker: WorkerProcess;
  /** host:port of its Prometheus metrics. */
  metricsAddress: string;
  /** The first API process (the phases before the comparison use this one only). */
  api: ApiProcess;
  /** The Temporal dev server's SQLite file. */
  temporalDbFile: string;
  /** The worker processes' environment (the servers' plus WORKER_MAX_CACHED_WORKFLOWS). */
  workerEnv: NodeJS.ProcessEnv;
  /** The workflow bundle the worker processes load. */
  bundlePath: string;
  options: ScaleOptions;
  log(line: string): void;
}
