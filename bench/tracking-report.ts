/** The tracking scenario as Markdown: each kind first-sight and repeated side by side, with the ratios the issue asks for. */
import type { LoadResult } from './load';
import { TRACKING_KINDS, type TrackingKind } from './tracking';
import type { TrackingResults } from './tracking-scenario';

const NAMES: Record<TrackingKind, string> = { issued: 'issued code (200)', unknown: 'never-issued code (404)', nearMiss: 'near miss: last character changed (404)' };
/** The targets for issued codes, repeated (per second, p99 in ms). */
const TARGETS = [
  { name: 'target', perSecond: 1_500, p99Ms: 20 },
  { name: 'longer-term goal', perSecond: 2_000, p99Ms: 10 },
];

const figures = (r: LoadResult) => [r.perSecond.toFixed(0), r.p50Ms.toFixed(1), r.p95Ms.toFixed(1), r.p99Ms.toFixed(1)];
const ratios = (r: LoadResult, base: LoadResult) =>
  [r.perSecond / base.perSecond, r.p50Ms / base.p50Ms, r.p95Ms / base.p95Ms, r.p99Ms / base.p99Ms].map((x) => `${x.toFixed(2)}×`);
const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Whether issued repeated lookups meet a target, in words. */
function verdict(r: LoadResult, target: (typeof TARGETS)[number]): string {
  const met = r.perSecond >= target.perSecond && r.p99Ms < target.p99Ms;
  return `${target.name} ≥ ${target.perSecond.toLocaleString('en')}/s at p99 < ${target.p99Ms} ms: ${met ? 'met' : 'not met'}`;
}

const summary = (r: LoadResult) => `${r.perSecond.toFixed(0)}/s, p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, ${r.errors} failed`;

/** Issued codes through the API in its own process, with the verdicts. */
function apiProcessLines(p: TrackingResults['apiProcess']): string[] {
  return [
    `- API in its own process, issued, repeated: ${summary(p.repeat)}; ${TARGETS.map((target) => verdict(p.repeat, target)).join('; ')}`,
    `- API in its own process, issued, polling: ${summary(p.hot)}; ${TARGETS.map((target) => verdict(p.hot, target)).join('; ')}`,
    `- API process heap after GC: ${mib(p.heapBytes.before)} before its lookups, ${mib(p.heapBytes.after)} after (${mib(p.heapBytes.after - p.heapBytes.before)} grown)`,
  ];
}

/** The table and notes `npm run bench` prints for tracking. */
export function formatTracking(t: TrackingResults): string {
  const head = ['lookup (concurrency ' + t.repeat.issued.concurrency + ')', 'first sight /s', 'p50 ms', 'p95 ms', 'p99 ms', 'repeated /s', 'p50 ms', 'p95 ms', 'p99 ms'];
  const rows = TRACKING_KINDS.map((k) => [NAMES[k], ...figures(t.firstSight[k]), ...figures(t.repeat[k])]);
  const uncachedRows = TRACKING_KINDS.map((k) => [`${NAMES[k]}, cache off`, '', '', '', '', ...figures(t.uncached[k])]);
  const ratioRows = (['unknown', 'nearMiss'] as const).map((k) => [
    `ratio ${k === 'unknown' ? 'never-issued' : 'near miss'} ÷ issued`,
    ...ratios(t.firstSight[k], t.firstSight.issued),
    ...ratios(t.repeat[k], t.repeat.issued),
  ]);
  const failed = TRACKING_KINDS.reduce((n, k) => n + t.firstSight[k].errors + t.repeat[k].errors + t.uncached[k].errors + t.hot.cached[k].errors + t.hot.uncached[k].errors, 0);
  const shared = t.repeatSharedLimit;
  return [
    line(head),
    line(head.map((_, i) => (i === 0 ? '---' : '--:'))),
    ...rows.map(line),
    ...ratioRows.map(line),
    ...uncachedRows.map(line),
    line(['ratio issued, cache on ÷ off', '', '', '', '', ...ratios(t.repeat.issued, t.uncached.issued)]),
    line(['ratio never-issued ÷ issued, cache off', '', '', '', '', ...ratios(t.uncached.unknown, t.uncached.issued)]),
    ...TRACKING_KINDS.map((k) => line([`polling ${t.hot.codesPerKind} codes: ${NAMES[k]}`, ...figures(t.hot.uncached[k]), ...figures(t.hot.cached[k])])),
    line([`polling: ratio never-issued ÷ issued`, ...ratios(t.hot.uncached.unknown, t.hot.uncached.issued), ...ratios(t.hot.cached.unknown, t.hot.cached.issued)]),
    line([`polling: ratio issued, cache on ÷ off`, '', '', '', '', ...ratios(t.hot.cached.issued, t.hot.uncached.issued)]),
    '',
    `- ${t.codesPerKind} codes of each kind; first sight looks each up once, repeated cycles through them (${t.repeat.issued.count} lookups each); kinds interleaved in ${t.rounds} rounds; cache off: ${t.uncached.issued.count} repeated lookups of each kind after the cached ones; polling rows: cache off in the first-sight columns, cache on in the repeated ones (${t.hot.cached.issued.count} lookups each); ${failed} failed lookups`,
    `- issued, repeated: ${TARGETS.map((target) => verdict(t.repeat.issued, target)).join('; ')}`,
    `- issued, polling: ${TARGETS.map((target) => verdict(t.hot.cached.issued, target)).join('; ')}`,
    ...apiProcessLines(t.apiProcess),
    `- issued, repeated, RATE_LIMIT_STORE=mongodb: ${shared.perSecond.toFixed(0)}/s, p50 ${shared.p50Ms.toFixed(1)} ms, p99 ${shared.p99Ms.toFixed(1)} ms (${shared.count} lookups, ${shared.errors} failed)`,
    `- API heap after GC: ${mib(t.heapBytes.before)} before the first lookup, ${mib(t.heapBytes.after)} after the repeated phase (${mib(t.heapBytes.after - t.heapBytes.before)} grown)`,
    `- HMACs per lookup (every accepted key): ${t.hashMicros.toFixed(1)} µs of CPU`,
  ].join('\n');
}
