/**
 * `npm run record-histories [-- --release <name>] [scenario…]`: drives real tickets through every lifecycle path on
 * an embedded Temporal dev server and writes each workflow history to tests/workflows/histories/<release>/. The replay
 * test replays every committed history against the current workflow code, so a change that would break a ticket
 * opened by an earlier release fails `npm test`. Record after each release that changes workflows/, and commit.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { temporal } from '@temporalio/proto';
import { historyToJson } from './history-files';
import { ticketWorkflowId } from '../../../domain/ticket';
import { startHarness, type Harness } from '../../support/harness';
import { runRecorder, releaseDir, withRecordingStack } from './recording-stack';
import { SCENARIOS, type Scenario } from './scenarios';

type History = temporal.api.history.v1.IHistory;

/** Every run of a ticket's workflow, first to last (continue-as-new links each run to the one before). */
async function runChain(h: Harness, ticketId: string): Promise<History[]> {
  const handle = h.client.workflow.getHandle(ticketWorkflowId(ticketId));
  await handle.result(); // the scenario ends with a closed ticket: record the whole history, completion included
  const chain: History[] = [];
  let runId: string | undefined = (await handle.describe()).runId;
  while (runId) {
    const history = await h.client.workflow.getHandle(ticketWorkflowId(ticketId), runId).fetchHistory();
    chain.unshift(history);
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return chain;
}

async function record(scenario: Scenario, dir: string): Promise<void> {
  let h: Harness | undefined;
  const started = Date.now();
  try {
    h = await startHarness({ sla: scenario.sla, env: scenario.env });
    const ticketId = await scenario.drive(h);
    const runs = await runChain(h, ticketId);
    for (const [i, history] of runs.entries()) {
      const suffix = runs.length > 1 ? `.run${i + 1}` : '';
      const file = path.join(dir, `${scenario.name}${suffix}.json`);
      await fs.writeFile(file, historyToJson(history));
      process.stderr.write(`  ${path.relative(process.cwd(), file)}: ${history.events?.length ?? 0} events\n`);
    }
  } finally {
    await h?.stop();
  }
  process.stderr.write(`recorded ${scenario.name} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

runRecorder('record-histories', async (args) => {
  const wanted = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--release');
  const scenarios = wanted.length ? SCENARIOS.filter((s) => wanted.includes(s.name)) : SCENARIOS;
  const dir = await releaseDir(args);
  await withRecordingStack(async () => {
    for (const scenario of scenarios) await record(scenario, dir);
  });
});
