import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import { MeridianError, type ErrorCode } from '../../domain/errors';
import { ticketWorkflowId } from '../../domain/ticket';
import type { ActionRejection, TicketActionResult } from '../../workflows/messages';

const UPDATE_DEADLINE_MS = 15_000;

const REJECTION_CODE: Record<ActionRejection, ErrorCode> = {
  TICKET_CLOSED: 'TICKET_CLOSED',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  TASK_NOT_FOUND: 'TASK_NOT_FOUND',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
};

function isRejection(type: string | undefined | null): type is ActionRejection {
  return !!type && type in REJECTION_CODE;
}

/**
 * Sends one action to a ticket's workflow and waits for its answer. `updateId` makes a retried request
 * (same Idempotency-Key) a no-op that returns the first answer. Validator rejections become 4xx problems.
 */
export async function sendTicketAction<Arg>(
  temporal: Client,
  ticketId: string,
  update: UpdateDefinition<TicketActionResult, [Arg]>,
  arg: Arg,
  updateId?: string,
): Promise<TicketActionResult> {
  const handle = temporal.workflow.getHandle(ticketWorkflowId(ticketId));
  try {
    // Bounded: with no worker running the update would wait; the caller gets a 503 and retries with the same key.
    return await temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
      handle.executeUpdate(update, { args: [arg], ...(updateId ? { updateId } : {}) }),
    );
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && isRejection(err.cause.type)) {
      throw new MeridianError(REJECTION_CODE[err.cause.type], err.cause.message);
    }
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
      throw new MeridianError('SERVICE_UNAVAILABLE', 'the ticket did not answer in time; retry with the same Idempotency-Key');
    if (err instanceof WorkflowNotFoundError) throw new MeridianError('TICKET_CLOSED', 'the ticket is closed');
    throw err;
  }
}
