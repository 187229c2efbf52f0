/**
 * `npm run fuzz`: the long OpenAPI fuzz run. Starts the embedded stack (or uses TEMPORAL_ADDRESS / MONGODB_URI) and a
 * fuzz stack on it, then runs Schemathesis with every check and every phase as each caller in turn, many more cases
 * than `npm test`'s bounded run and a fresh seed unless one is given. Prints each run's figures; exits 1 on findings.
 *
 *   npm run fuzz                                 # 100 cases per operation and phase, callers public, agent, admin
 *   npm run fuzz -- --max-examples 300 --seed 7 --caller admin
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import globalSetup from '../support/global-setup';
import globalTeardown from '../support/global-teardown';
import { startFuzzStack } from './fuzz-stack';
import { findingsOf, runSchemathesis, type Caller, type FuzzRunResult } from './schemathesis-run';
import { ensureSchemathesis } from './schemathesis-venv';

const CALLERS: Caller[] = ['public', 'agent', 'admin'];

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run fuzz -- [--max-examples N] [--seed N] [--caller public|agent|admin]…\n`);
  process.exit(2);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { 'max-examples': { type: 'string', default: '100' }, seed: { type: 'string' }, caller: { type: 'string', multiple: true } },
  });
  const maxExamples = Number(values['max-examples']);
  if (!Number.isInteger(maxExamples) || maxExamples < 1) usage('--max-examples takes a positive integer');
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!Number.isInteger(seed)) usage('--seed takes an integer');
  const callers = (values.caller ?? CALLERS) as Caller[];
  for (const c of callers) if (!CALLERS.includes(c)) usage(`unknown caller "${c}"`);

  const st = await ensureSchemathesis();
  const started = Date.now();
  await globalSetup(); // the same servers jest's global setup starts, and MERIDIAN_SECRET
  const stack = await startFuzzStack();
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-fuzz-'));
  const results: FuzzRunResult[] = [];
  try {
    process.stderr.write(`fuzz: Schemathesis ${st.version} against ${stack.baseUrl}, ${maxExamples} cases per operation and phase, seed ${seed}\n`);
    for (const caller of callers) {
      process.stderr.write(`\nfuzz: ${caller} caller\n`);
      const result = await runSchemathesis({
        st,
        baseUrl: stack.baseUrl,
        caller,
        fixtures: stack.fixtures,
        maxExamples,
        phases: ['examples', 'coverage', 'fuzzing', 'stateful'],
        seed,
        workers: 1,
        workDir: path.join(workDir, caller),
        onLine: (line) => process.stderr.write(`  ${line}\n`),
      });
      results.push(result);
      await fs.writeFile(path.join(workDir, `${caller}.txt`), result.output);
    }
  } finally {
    await stack.stop();
    await globalTeardown();
  }
  process.stdout.write(`\nfuzz: seed ${seed}, ${maxExamples} cases per operation and phase, ${((Date.now() - started) / 1000).toFixed(0)} s in all; outputs in ${workDir}\n`);
  for (const r of results) {
    const kinds = r.failureKinds.length ? ` (${r.failureKinds.join('; ')})` : '';
    process.stdout.write(
      `  ${r.caller.padEnd(6)} ${r.operations?.tested ?? '?'} operations, ${r.cases?.generated ?? '?'} cases, ${r.cases?.failures ?? '?'} failures${kinds}, ` +
        `exit ${r.exitCode}, ${r.seconds.toFixed(0)} s\n`,
    );
  }
  const failed = results.filter((r) => r.exitCode !== 0);
  for (const r of failed) process.stdout.write(`\n── ${r.caller} ──\n${findingsOf(r, 60_000)}\n`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`fuzz: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
