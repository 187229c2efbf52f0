/** The runs of one bench on several databases, side by side, with each figure's ratio to the first database's. */
import { DB_OP_MAX_SECONDS, DB_OPS } from './db-ops';
import type { LoadResult } from './load';
import type { BenchResults } from './report';

const perSecond = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const ratio = (n: number, base: number) => `${(n / base).toFixed(2)}×`;

/** A Markdown table whose first `textColumns` columns are left-aligned and the rest (figures) right-aligned. */
function table(head: string[], rows: string[][], textColumns = 1): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i < textColumns ? '---' : '--:'))), ...rows.map(line)].join('\n');
}

/** Per second and p50 of each database, and the ratio of per second to the first database's. */
function loadRows(runs: BenchResults[], scenarios: Array<[string, (r: BenchResults) => LoadResult]>): string[][] {
  return scenarios.map(([name, pick]) => {
    const base = pick(runs[0]!).perSecond;
    return [name, ...runs.flatMap((r, i) => [perSecond(pick(r).perSecond), pick(r).p50Ms.toFixed(0), ...(i === 0 ? [] : [ratio(pick(r).perSecond, base)])])];
  });
}

function dbOpsTable(runs: BenchResults[]): string {
  const rows = runs[0]!.dbOps.flatMap((round, k) =>
    DB_OPS.map((op) => {
      const base = round.ops[op].perSecond;
      const cells = runs.flatMap((r, i) => {
        const result = r.dbOps[k]!.ops[op];
        return [perSecond(result.perSecond), result.p50Ms.toFixed(1), ...(i === 0 ? [] : [ratio(result.perSecond, base)])];
      });
      return [op, round.docs.toLocaleString('en'), ...cells];
    }),
  );
  const head = ['operation (concurrency ' + runs[0]!.dbOps[0]!.ops[DB_OPS[0]].concurrency + ')', 'documents', ...columns(runs)];
  const note = `Operations per kind: ${runs.map((r) => r.dbOps.map((round) => DB_OPS.map((op) => round.ops[op].count).join('/')).join(' then ')).join(' · ')} (each stops after ${DB_OP_MAX_SECONDS} s)`;
  return `${table(head, rows)}\n\n${note}`;
}

function columns(runs: BenchResults[]): string[] {
  return runs.flatMap((r, i) => [`${r.database} per s`, 'p50 ms', ...(i === 0 ? [] : [`÷ ${runs[0]!.database}`])]);
}

/** The Markdown that `npm run bench` prints after the runs when it measured more than one database. */
export function formatComparison(runs: BenchResults[]): string {
  const scenarios = table(
    ['scenario', ...columns(runs)],
    loadRows(runs, [
      ['intake: POST /api/tickets → 201', (r) => r.intake],
      ['intake, API in its own process', (r) => r.intakeApiProcess],
      ['ceiling: workflow.start (empty workflow)', (r) => r.ceiling],
      ['tracking: issued code, first sight', (r) => r.tracking.firstSight.issued],
      ['tracking: never-issued code (404), first sight', (r) => r.tracking.firstSight.unknown],
      ['tracking: near miss (404), first sight', (r) => r.tracking.firstSight.nearMiss],
      ['tracking: issued code, repeated', (r) => r.tracking.repeat.issued],
      ['tracking: never-issued code (404), repeated', (r) => r.tracking.repeat.unknown],
      ['tracking: near miss (404), repeated', (r) => r.tracking.repeat.nearMiss],
      ['tracking: issued code, repeated, cache off', (r) => r.tracking.uncached.issued],
      ['tracking: issued, repeated, API in its own process', (r) => r.tracking.apiProcess.repeat],
      ['tracking: issued, polling, API in its own process', (r) => r.tracking.apiProcess.hot],
      ['tracking: issued, repeated, RATE_LIMIT_STORE=mongodb', (r) => r.tracking.repeatSharedLimit],
      ['fill: intake while the worker opens tasks', (r) => r.memory.fillIntake],
      ['lifecycle: tickets open → survey answered', (r) => r.lifecycle.tickets],
    ]),
  );
  const worker = runs.map((r) => `${r.database}: ${r.memory.workerTicketsPerSecond.toFixed(1)} tickets/s, caught up ${r.workerCatchUpSeconds.toFixed(1)} s after intake`).join('; ');
  const pushdown = table(
    ['hot path', 'filter', ...runs.map((r) => `pushed down on ${r.database}`)],
    runs[0]!.pushdown.map((row, k) => [row.where, `\`${row.filter}\``, ...runs.map((r) => r.pushdown[k]!.pushed)]),
    2 + runs.length,
  );
  return [
    `## Side by side: ${runs.map((r) => r.database).join(' · ')}`,
    '',
    dbOpsTable(runs),
    '',
    scenarios,
    '',
    `- worker from intake to first task (fill): ${worker}`,
    '',
    pushdown,
  ].join('\n');
}
