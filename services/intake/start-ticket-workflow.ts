import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import { ticketWorkflowId } from '../../domain/ticket';
import { TicketModel } from '../../models/ticket.model';
import type { ticketLifecycleWorkflow } from '../../workflows';

const TEMPORAL_START_DEADLINE_MS = 5_000;

/**
 * Starts a ticket's workflow (id = ticket id; an existing run is kept). Given an intake request, the workflow's first
 * activity writes the ticket from it; a ticket written by an earlier intake (no request id) is marked started here.
 * Idempotent: intake, its retries and the pending-intake sweeper all end here.
 */
export async function startTicketWorkflow(deps: { config: Config; temporal: Client }, ticketId: string, receivedAtMs: number, intakeId?: string): Promise<void> {
  const { config, temporal } = deps;
  try {
    // A deadline turns an unreachable Temporal into a prompt 503 instead of the SDK's long connection retries.
    await temporal.withDeadline(Date.now() + TEMPORAL_START_DEADLINE_MS, () =>
      temporal.workflow.start<typeof ticketLifecycleWorkflow>('ticketLifecycleWorkflow', {
        workflowId: ticketWorkflowId(ticketId),
        taskQueue: config.temporal.taskQueue,
        args: [{ ticketId, receivedAtMs, historyLimit: config.tickets.historyLimit, ...(intakeId ? { intakeId } : {}) }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    );
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err; // closed already: it was started before
  }
  // By `_id` alone, the one filter FerretDB pushes down on SQLite too ('started' is final, so no condition is needed).
  if (!intakeId) await TicketModel.updateOne({ _id: ticketId }, { $set: { intake: 'started' } });
}
