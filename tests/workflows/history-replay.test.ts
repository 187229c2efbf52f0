import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../support/harness';
import { readHistoryFiles } from './histories/history-files';
import { replayDataConverter } from './histories/fixture-payload-keys';

const HISTORIES = readHistoryFiles(path.join(__dirname, 'histories'));

describe('deploy safety: histories recorded by earlier releases replay on the current workflow code', () => {
  it.each(['v0.1.0', 'v0.2.0', 'v0.3.0', 'v0.4.0'])('has committed histories of every lifecycle path recorded by %s', (release) => {
    const paths = new Set(HISTORIES.filter((h) => h.name.startsWith(`${release}/`)).map((h) => path.basename(h.name).replace(/(\.run\d+)?\.json$/, '')));
    expect([...paths]).toEqual(expect.arrayContaining(['breach-ladder', 'pause-resume', 'reopen', 'process-steps-close', 'continue-as-new']));
  });

  it('has an approval with a priority change among the histories of 0.4.0 (process step kinds)', () => {
    expect(HISTORIES.some((h) => h.name === 'v0.4.0/approval-priority.json')).toBe(true);
  });

  it.each(HISTORIES.map((h) => [h.name, h] as const))('%s replays without nondeterminism', async (_name, file) => {
    const replay = { workflowBundle: await workflowBundle(), dataConverter: replayDataConverter(file.name) };
    await expect(Worker.runReplayHistory(replay, file.history, file.workflowId)).resolves.toBeUndefined();
  });
});
