import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import { TicketModel } from '../../models/ticket.model';
import { issueQueryCode } from '../query-codes/issue-query-code';
import { startTicketWorkflow } from './start-ticket-workflow';

/** Tickets an intake wrote but never started (the client gave up after a 503, the API died midway), oldest first. */
const BATCH = 100;

/**
 * Completes intakes that stopped between writing the ticket and starting its workflow: indexes the query code and
 * starts the workflow, exactly as the client's retry would, so no ticket stays half-created and invisible. The
 * workflow's acknowledgement mail then gives the customer the query code the lost 201 would have carried.
 */
export async function completePendingIntakes(deps: { config: Config; temporal: Client }, olderThan: Date): Promise<string[]> {
  const pending = await TicketModel.find({ intake: 'pending', createdAt: { $lt: olderThan } }, { _id: 1, createdAt: 1 })
    .sort({ createdAt: 1 })
    .limit(BATCH)
    .lean();
  const completed: string[] = [];
  for (const ticket of pending) {
    await issueQueryCode(deps.config.secret, ticket._id);
    await startTicketWorkflow(deps, ticket._id, ticket.createdAt.getTime());
    completed.push(ticket._id);
  }
  return completed;
}
