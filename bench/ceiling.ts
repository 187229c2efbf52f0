/** The ceiling for intake: starting a workflow that does nothing, straight through the Temporal client. */
import { randomUUID } from 'node:crypto';
import { emptyWorkflow } from './empty.workflow';
import { runLoad, type LoadResult, type LoadShape } from './load';
import type { BenchServers } from './servers';

/** `client.workflow.start` of a workflow that does nothing, same server, task queue and concurrency: the ceiling. */
export function measureStartCeiling(s: BenchServers, shape: LoadShape): Promise<LoadResult> {
  return runLoad({
    ...shape,
    task: async () => {
      await s.client.workflow.start(emptyWorkflow, { taskQueue: s.config.temporal.taskQueue, workflowId: `bench-empty-${randomUUID()}` });
    },
  });
}
