/**
 * `npm run soak -- --tickets 500 --minutes 10`: the chaos soak. Prints the report and `soak: N tickets, K kills,
 * L lost, D duplicated`; exits 1 when anything was lost or duplicated.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatReport } from './report';
import { runSoak } from './soak-run';

const ArgsSchema = z.strictObject({
  tickets: z.coerce.number().int().min(1).max(100_000).default(500),
  minutes: z.coerce.number().min(0.5).max(24 * 60).default(10),
  settle: z.coerce.number().min(0).max(60).default(5),
});

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tickets: { type: 'string' }, minutes: { type: 'string' }, settle: { type: 'string' } } });
  const args = ArgsSchema.parse(values);
  const log = (line: string) => process.stderr.write(`soak: ${line}\n`);
  const outcome = await runSoak({ tickets: args.tickets, minutes: args.minutes, settleMinutes: args.settle, log });
  process.stdout.write(`${formatReport(outcome)}\n`);
  process.exit(outcome.lost + outcome.duplicated > 0 ? 1 : 0);
}

main().catch((err: unknown) => {
  process.stderr.write(`soak failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(2);
});
