/**
 * Fuzzing from the OpenAPI document: Schemathesis generates requests from GET /openapi.json of a real stack and checks
 * every answer with every check it has (no 5xx, responses match their schemas, status codes and content types are the
 * documented ones, invalid input is refused and valid input accepted, undeclared methods get 405 with Allow, links
 * between operations work), once per kind of caller. A bounded run with a fixed seed, so it takes a few minutes at most;
 * `npm run fuzz` runs the long one. Schemathesis itself comes from tests/fuzz/requirements.txt (schemathesis-venv.ts).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFuzzStack, type FuzzStack } from './fuzz-stack';
import { findingsOf, runSchemathesis, type Caller, type FuzzRunResult } from './schemathesis-run';
import { ensureSchemathesis, type Schemathesis } from './schemathesis-venv';

/** Test cases per operation and phase: enough to reach every operation's documented answers, few enough for CI. */
const MAX_EXAMPLES = 10;
const SEED = 20_261_126;
const RUN_TIMEOUT_MS = 8 * 60_000;

describe('the OpenAPI document against the running API (Schemathesis, every check)', () => {
  let stack: FuzzStack;
  let st: Schemathesis;
  let workDir: string;
  const results: FuzzRunResult[] = [];

  beforeAll(async () => {
    // npm test's first step installed it; this only finds it (or installs it when jest runs alone).
    st = await ensureSchemathesis();
    stack = await startFuzzStack();
    workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-fuzz-'));
  }, 5 * 60_000);

  afterAll(async () => {
    await stack?.stop();
    if (workDir) await fs.rm(workDir, { recursive: true, force: true });
    for (const r of results) {
      process.stderr.write(
        `schemathesis ${r.caller}: ${r.operations?.tested ?? '?'} operations, ${r.cases?.generated ?? '?'} cases, ` +
          `${r.cases?.failures ?? '?'} failures, ${r.seconds.toFixed(0)} s\n`,
      );
    }
  });

  it('serves a document Schemathesis can read, with every route in it', async () => {
    const doc = (await (await fetch(`${stack.baseUrl}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
    expect(operations).toBeGreaterThanOrEqual(35);
  });

  it.each<[Caller]>([['public'], ['agent'], ['admin']])(
    'finds nothing as a %s caller',
    async (caller) => {
      const result = await runSchemathesis({
        st,
        baseUrl: stack.baseUrl,
        caller,
        fixtures: stack.fixtures,
        maxExamples: MAX_EXAMPLES,
        phases: ['examples', 'coverage', 'fuzzing', 'stateful'],
        seed: SEED,
        // One worker: the API shares the two cores, and Python 3.11's ast.parse is not thread-safe (Hypothesis calls it).
        workers: 1,
        workDir: path.join(workDir, caller),
      });
      results.push(result);
      if (result.exitCode !== 0) {
        throw new Error(`Schemathesis found problems as the ${caller} caller (exit code ${result.exitCode}):\n\n${findingsOf(result)}`);
      }
      expect(result.operations?.tested).toBeGreaterThanOrEqual(35);
    },
    RUN_TIMEOUT_MS,
  );
});
