import { createHash, randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import { MeridianError, type ErrorCode } from '../../domain/errors';
import { ticketWorkflowId } from '../../domain/ticket';
import { ACTION_REJECTIONS, type ActionRejection, type TicketActionResult } from '../../workflows/messages';
import { parseInput } from '../validation';
import { IdempotencyHeadersSchema } from './tickets.schema';

const UPDATE_DEADLINE_MS = 15_000;

// Validator rejection types are error codes already (ActionRejection ⊂ ErrorCode).
function isRejection(type: string | undefined | null): type is ActionRejection & ErrorCode {
  return (ACTION_REJECTIONS as readonly string[]).includes(type ?? '');
}

/**
 * Ids for one action from the caller's Idempotency-Key: the same key (within `scope`) gives the same update id and
 * message id, so a retried request is answered by the first one and never stores a second message. Staff actions
 * scope it by API key and path: another caller's key names another request (it is checked, never answered with
 * someone else's result).
 */
export function actionIds(req: Request, scope: string): { updateId?: string; messageId: string } {
  const { 'idempotency-key': key } = parseInput(IdempotencyHeadersSchema, { 'idempotency-key': req.get('idempotency-key') }, 'headers');
  if (!key) return { messageId: randomUUID() };
  const digest = createHash('sha256').update(`${scope}:${key}`).digest('hex').slice(0, 32);
  return { updateId: digest, messageId: digest };
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
      // The API checked the request's form already: what the workflow refuses as invalid (an outcome its step does not
      // offer) is well formed but names what the task does not have, a 422 the OpenAPI document can say.
      const code = err.cause.type === 'VALIDATION_FAILED' ? 'UNKNOWN_REFERENCE' : err.cause.type;
      throw new MeridianError(code, err.cause.message);
    }
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
      throw new MeridianError('SERVICE_UNAVAILABLE', 'the ticket did not answer in time; retry with the same Idempotency-Key');
    if (err instanceof WorkflowNotFoundError) throw new MeridianError('TICKET_CLOSED', 'the ticket is closed');
    throw err;
  }
}
