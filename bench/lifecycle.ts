/**
 * The mixed lifecycle run: N tickets, `concurrency` at a time, each from intake to its answered survey through the API
 * in its own process, against the worker in its own; tickets completed per second and the latency of every step.
 */
import os from 'node:os';
import { percentile, runLoad, type LoadResult, type LoadShape } from './load';
import { watchSurveyMails } from './lifecycle-mail';
import { configureLifecycle } from './lifecycle-setup';
import { LIFECYCLE_STEPS, POLL_MS, runLifecycle, type LifecycleContext, type LifecycleStep } from './lifecycle-steps';
import { cpuBetween, cpuOfProcessTree, type CpuByRole } from './process-cpu';
import type { BenchServers } from './servers';

/** Latency percentiles of one step over the measured tickets. */
export interface StepFigures {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface LifecycleResult {
  /** Whole lifecycles: `perSecond` is tickets completed (open → survey answered) per second, latencies per ticket. */
  tickets: LoadResult;
  steps: Record<LifecycleStep, StepFigures>;
  pollIntervalMs: number;
  /** Tickets whose survey vote was answered 404 (survey not yet marked sent) and tried again. */
  earlyVotes: number;
  /** 1-minute load average (as `uptime` shows it) at the start, the highest sampled every 5 s, and at the end. */
  load: { atStart: number; max: number; atEnd: number };
  /** CPU seconds each process of the bench used over the measured tickets, and the cores they shared. */
  cpuSeconds: CpuByRole;
  cores: number;
}

/** No new ticket starts after this long (SQLite can be slow), so a whole `npm run bench` stays bounded. */
export const LIFECYCLE_MAX_SECONDS = 180;

function figures(latencies: number[]): StepFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), p99Ms: percentile(sorted, 99) };
}

/** Samples the 1-minute load average every 5 s until stopped; returns start, highest and end. */
function sampleLoad(): () => LifecycleResult['load'] {
  const atStart = os.loadavg()[0]!;
  let max = atStart;
  const timer = setInterval(() => (max = Math.max(max, os.loadavg()[0]!)), 5_000);
  return () => {
    clearInterval(timer);
    const atEnd = os.loadavg()[0]!;
    return { atStart, max: Math.max(max, atEnd), atEnd };
  };
}

/** Configures the refund process through the ops API, then runs `shape.warmup` unmeasured tickets and `shape.count` measured ones. */
export async function measureLifecycle(s: BenchServers, shape: LoadShape, log: (line: string) => void): Promise<LifecycleResult> {
  const baseUrl = s.apiProcess.url;
  const keys = await configureLifecycle(baseUrl, s.config.secret);
  const mails = watchSurveyMails(s.smtp);
  const latencies = Object.fromEntries(LIFECYCLE_STEPS.map((step) => [step, [] as number[]])) as Record<LifecycleStep, number[]>;
  const earlyVotes = { count: 0 };
  const measured: LifecycleContext = { baseUrl, keys, mails, latencies, earlyVotes };
  const warmUp: LifecycleContext = { ...measured, latencies: null, earlyVotes: { count: 0 } };
  log(`lifecycle: ${shape.warmup} warm-up tickets, then ${shape.count} from intake to survey, ${shape.concurrency} at a time …`);
  try {
    const warm = await runLoad({ count: shape.warmup, concurrency: shape.concurrency, task: (i) => runLifecycle(warmUp, i) });
    if (warm.errors > 0) log(`lifecycle warm-up: ${warm.errors} failed (first: ${warm.firstError})`);
    const cpuBefore = await cpuOfProcessTree();
    const stopSampling = sampleLoad();
    const tickets = await runLoad({ count: shape.count, concurrency: shape.concurrency, maxSeconds: LIFECYCLE_MAX_SECONDS, task: (i) => runLifecycle(measured, shape.warmup + i) });
    const load = stopSampling();
    const cpuSeconds = cpuBetween(cpuBefore, await cpuOfProcessTree());
    const steps = Object.fromEntries(LIFECYCLE_STEPS.map((step) => [step, figures(latencies[step])])) as Record<LifecycleStep, StepFigures>;
    return { tickets, steps, pollIntervalMs: POLL_MS, earlyVotes: earlyVotes.count, load, cpuSeconds, cores: os.availableParallelism() };
  } finally {
    mails.stop();
  }
}
