import { runSoak } from '../../soak/soak-run';
import { formatReport } from '../../soak/report';

// The short version of `npm run soak`: its own servers (a Temporal dev server on a SQLite file, PostgreSQL and
// FerretDB, the API and a worker as processes), 60 tickets over two minutes while every one of them is SIGKILLed
// and restarted at least once. Nothing here is timed: the checks wait for the system to catch up after the last kill.
describe('chaos soak (short)', () => {
  it('loses and duplicates nothing while every server is killed with SIGKILL and restarted', async () => {
    const lines: string[] = [];
    const outcome = await runSoak({ tickets: 60, minutes: 2, settleMinutes: 5, log: (line) => lines.push(line) });
    const report = formatReport(outcome);
    process.stderr.write(`${report}\n`);
    const killed = new Set(outcome.kills.map((k) => k.target));
    expect([...killed].sort()).toEqual(expect.arrayContaining(['api', 'ferretdb', 'temporal', 'worker']));
    for (const result of outcome.results) expect({ check: result.name, lost: result.lost, duplicated: result.duplicated, examples: result.examples }).toEqual({ check: result.name, lost: 0, duplicated: 0, examples: [] });
    expect(report).toContain('soak: 60 tickets');
  }, 20 * 60_000);
});
