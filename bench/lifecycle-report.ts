/** The mixed lifecycle run as Markdown: throughput of whole tickets, then each step's latency. */
import type { LifecycleResult, StepFigures } from './lifecycle';
import { LIFECYCLE_STEPS, type LifecycleStep } from './lifecycle-steps';

const NAMES: Record<LifecycleStep, string> = {
  open: 'open: `POST /api/tickets` (refund 50.00 USD) → 201',
  taskVisible: 'task appears (201 → review task in the staff view)',
  claim: 'assign: `POST /api/tickets/{id}/claim`',
  reply: 'reply: `POST /api/tickets/{id}/replies`',
  complete: 'complete: `POST /api/tickets/{id}/complete`',
  approvalVisible: 'approval appears (complete → pending approval in the view)',
  approve: 'approve: `POST …/approvals/{approvalId}/approve`',
  resolvedVisible: 'resolved (approve → status resolved in the view)',
  surveyMail: 'survey mail arrives (approve → mail at the SMTP catcher)',
  vote: 'survey: `POST /api/surveys/{token}` → 200',
  voteAccepted: 'vote accepted (mail arrived → 200; early 404s tried again)',
  poll: 'every staff-view poll: `GET /api/tickets/{id}`',
};
const ASYNC: ReadonlySet<LifecycleStep> = new Set(['taskVisible', 'approvalVisible', 'resolvedVisible', 'surveyMail', 'voteAccepted']);

const ms = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(n >= 100 ? 0 : 1));
const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
const stepRow = (step: LifecycleStep, f: StepFigures) => line([NAMES[step], ASYNC.has(step) ? 'async' : 'HTTP', String(f.count), ms(f.p50Ms), ms(f.p95Ms), ms(f.p99Ms)]);

/** The table and notes `npm run bench` prints for the lifecycle run. */
export function formatLifecycle(r: LifecycleResult): string {
  const t = r.tickets;
  const head = ['step', 'kind', 'count', 'p50 ms', 'p95 ms', 'p99 ms'];
  return [
    `**Mixed lifecycle**: ${t.count} tickets, ${t.concurrency} at a time, each opened, assigned, replied to, completed, approved, resolved and surveyed through the API process`,
    '',
    line(head),
    line(head.map((_, i) => (i < 2 ? '---' : '--:'))),
    line(['**whole ticket: open → survey answered**', '', String(t.count - t.errors), ms(t.p50Ms), ms(t.p95Ms), ms(t.p99Ms)]),
    ...LIFECYCLE_STEPS.map((step) => stepRow(step, r.steps[step])),
    '',
    `- **${t.perSecond.toFixed(2)} tickets completed per second** over ${t.seconds.toFixed(1)} s; ${t.errors} failed${t.firstError ? ` (first: ${t.firstError})` : ''}`,
    `- asynchronous steps are seen by polling the staff view every ${r.pollIntervalMs} ms; ${r.earlyVotes} of the ${t.count - t.errors} survey votes came before the workflow marked the survey sent (404, tried again)`,
    `- 1-minute load average: ${r.load.atStart.toFixed(2)} at the start, at most ${r.load.max.toFixed(2)}, ${r.load.atEnd.toFixed(2)} at the end`,
    `- ${cpuLine(r)}`,
  ].join('\n');
}

/** Where the CPU went: seconds and ms per completed ticket by process, against what the cores offered. */
function cpuLine(r: LifecycleResult): string {
  const done = Math.max(1, r.tickets.count - r.tickets.errors);
  const entries = Object.entries(r.cpuSeconds).sort(([, a], [, b]) => b - a);
  const total = entries.reduce((sum, [, s]) => sum + s, 0);
  const parts = entries.map(([role, s]) => `${role} ${s.toFixed(1)} s (${Math.round((s * 1000) / done)} ms/ticket)`);
  return `CPU over the measured tickets: ${parts.join(', ') || 'not readable (no /proc)'}; together ${total.toFixed(1)} s of the ${(r.cores * r.tickets.seconds).toFixed(1)} s that ${r.cores} cores offered`;
}
