/**
 * The scale run proper: background tickets across regions, then the breach tickets (closed regions, gate set from
 * the rates just measured), then a tail of background tickets as large as the worker's cache, which pushes the
 * breach tickets out of it, so their timers fire on evicted runs; then the breach minute.
 */
import { tasksAtLeast } from '../memory';
import { breachRegionId, BACKGROUND_REGIONS, BREACH_SLOTS, breachTargetMinutes, type OpsConfig } from './scale-regions';
import { planGate, type GatePlan } from './breach-gate';
import { awaitBreaches, breachLateness, type Lateness } from './breach-lateness';
import { openAndAwaitTasks, openedLine, type OpenedTickets } from './open-and-await';
import type { ScaleContext } from './scale-context';
import { openTickets } from './scale-intake';
import { sampleWorker, type ScaleSample } from './scale-sample';
import { counterDelta, scrapeCacheCounters, type CacheCounters } from './worker-metrics';
import type { LoadResult } from '../load';

export interface FillAndBreach {
  counts: { background: number; breach: number; tail: number };
  background: OpenedTickets;
  breachIntake: LoadResult;
  tail: OpenedTickets;
  gate: GatePlan;
  /** When every ticket had its first task, relative to the gate (negative: before it, as planned). */
  caughtUpBeforeGateSeconds: number;
  samples: { idle: ScaleSample; afterBackground: ScaleSample; loaded: ScaleSample; afterBreach: ScaleSample };
  lateness: Lateness;
  /** Cache counters from just before the gate until every breach was stored: the replays the breach minute caused. */
  breachCounters: CacheCounters;
  allBreachesStoredAfterLastDeadlineSeconds: number | null;
}

const HOUR = 3_600_000;
const background = (i: number) => BACKGROUND_REGIONS[i % BACKGROUND_REGIONS.length]!.id;
const sleepUntil = (atMs: number) => new Promise((r) => setTimeout(r, Math.max(0, atMs - Date.now())));

interface Opened {
  counts: FillAndBreach['counts'];
  bg: OpenedTickets;
  breachIntake: LoadResult;
  tailRun: OpenedTickets;
  gate: GatePlan;
  afterBackground: ScaleSample;
}

/** Background tickets, the gate (from their rates), the breach tickets, the tail; until every ticket has its task. */
async function openEverything(ctx: ScaleContext, ops: OpsConfig): Promise<Opened> {
  const { options: o, log } = ctx;
  const breach = o.breachTickets;
  const tail = Math.min(o.cacheSize, o.tickets - breach - 1);
  const counts = { background: o.tickets - breach - tail, breach, tail };
  const run = { concurrency: o.concurrency, apis: [ctx.api.url] };
  log(`opening ${counts.background} background tickets across ${BACKGROUND_REGIONS.map((r) => r.id).join(', ')}`);
  const bg = await openAndAwaitTasks({ ...run, count: counts.background, regionOf: background, offset: 0 }, ctx.worker, 4 * HOUR);
  log(`background: ${openedLine(bg)}`);
  const afterBackground = await sampleWorker(ctx, counts.background);
  const gate = planGate(Date.now(), breach + tail, bg.intake.perSecond, bg.lifecyclePerSecond);
  log(`gate of the breach regions: ${gate.explained}`);
  await ops.putBreachRegions(gate.gateAtMs);
  log(`opening ${breach} breach tickets over ${BREACH_SLOTS} regions, then a tail of ${tail} background tickets (the cache holds ${o.cacheSize})`);
  const breachIntake = await openTickets({ ...run, count: breach, regionOf: (i) => breachRegionId(i % BREACH_SLOTS), offset: counts.background });
  const tailRun = await openAndAwaitTasks({ ...run, count: tail, regionOf: background, offset: counts.background + breach }, ctx.worker, 4 * HOUR);
  await tasksAtLeast(o.tickets - bg.intake.errors - breachIntake.errors - tailRun.intake.errors, 4 * HOUR, ctx.worker);
  return { counts, bg, breachIntake, tailRun, gate, afterBackground };
}

/** Opens every ticket, samples the worker along the way, then waits out the breach minute and measures lateness. */
export async function fillAndBreach(ctx: ScaleContext, ops: OpsConfig): Promise<FillAndBreach> {
  const idle = await sampleWorker(ctx, 0);
  const { counts, bg, breachIntake, tailRun, gate, afterBackground } = await openEverything(ctx, ops);
  const caughtUpBeforeGateSeconds = (gate.gateAtMs - Date.now()) / 1000;
  ctx.log(`tail: ${openedLine(tailRun)}; every ticket has its task ${caughtUpBeforeGateSeconds.toFixed(0)} s before the gate`);
  const loaded = await sampleWorker(ctx, ctx.options.tickets);
  await sleepUntil(gate.gateAtMs - 1_000);
  const atGate = await scrapeCacheCounters(ctx.metricsAddress);
  const lastDeadline = gate.gateAtMs + breachTargetMinutes(BREACH_SLOTS - 1) * 60_000;
  ctx.log(`gate open; deadlines from ${new Date(gate.gateAtMs + 60_000).toISOString()} to ${new Date(lastDeadline).toISOString()}`);
  const stored = await awaitBreaches(counts.breach - breachIntake.errors, lastDeadline + 10 * 60_000);
  const breachCounters = counterDelta(atGate, await scrapeCacheCounters(ctx.metricsAddress));
  const lateness = await breachLateness();
  const afterBreach = await sampleWorker(ctx, ctx.options.tickets);
  return {
    counts,
    background: bg,
    breachIntake,
    tail: tailRun,
    gate,
    caughtUpBeforeGateSeconds,
    samples: { idle, afterBackground, loaded, afterBreach },
    lateness,
    breachCounters,
    allBreachesStoredAfterLastDeadlineSeconds: stored.allStoredAtMs === null ? null : (stored.allStoredAtMs - lastDeadline) / 1000,
  };
}
