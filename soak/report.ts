/** The soak's report: per-check counts, kills and recovery per server, and the one summary line. */
import type { Kill } from './chaos-monkey';
import type { CheckResult } from './checks/check';
import type { HttpStats } from './http-client';

export interface SoakOutcome {
  tickets: number;
  kills: Kill[];
  results: CheckResult[];
  http: HttpStats;
  lost: number;
  duplicated: number;
}

/** `soak: N tickets, K kills, L lost, D duplicated`. */
export function summaryLine(o: SoakOutcome): string {
  return `soak: ${o.tickets} tickets, ${o.kills.length} kills, ${o.lost} lost, ${o.duplicated} duplicated`;
}

function killTable(kills: Kill[]): string[] {
  const names = [...new Set(kills.map((k) => k.target))];
  return names.map((name) => {
    const times = kills.filter((k) => k.target === name).map((k) => k.recoveryMs / 1000);
    const max = Math.max(...times);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    return `  ${name.padEnd(10)} ${String(times.length).padStart(3)} kills, back after ${mean.toFixed(1)} s on average, ${max.toFixed(1)} s at most`;
  });
}

/** The whole report, ending with the summary line. */
export function formatReport(o: SoakOutcome): string {
  const lines = ['kills (SIGKILL, then a restart on the same data and port):', ...killTable(o.kills), 'checks:'];
  for (const r of o.results) {
    lines.push(`  ${r.name.padEnd(22)} ${String(r.checked).padStart(6)} checked, ${r.lost} lost, ${r.duplicated} duplicated${r.notes.length ? ` (${r.notes.join('; ')})` : ''}`);
    for (const e of r.examples) lines.push(`      ${e}`);
  }
  lines.push(`http: ${o.http.requests} requests, ${o.http.retried} retried (503 or dropped connection), ${o.http.unexpected5xx} other 5xx`);
  lines.push(summaryLine(o));
  return lines.join('\n');
}
