import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import { IntakeRequestModel } from '../../models/intake-request.model';
import { TicketModel } from '../../models/ticket.model';
import { issueQueryCode } from '../query-codes/issue-query-code';
import { startTicketWorkflow } from './start-ticket-workflow';

/** Abandoned intakes completed per sweep, oldest first. */
const BATCH = 100;

/**
 * Completes intakes that stopped before their ticket's workflow started (the client gave up after a 503, the API died
 * midway): starts the workflow and indexes the query code exactly as the client's retry would, so no request stays
 * half-done and invisible. The workflow's acknowledgement mail then brings the customer the query code the lost 201
 * carried. Also completes tickets that intakes of release 0.1.0 wrote themselves and left pending.
 */
export async function completePendingIntakes(deps: { config: Config; temporal: Client }, olderThan: Date): Promise<string[]> {
  const requests = await IntakeRequestModel.find({ admittedAt: null, request: { $exists: true }, createdAt: { $lt: olderThan } }, { ticketId: 1, createdAt: 1 })
    .sort({ createdAt: 1 })
    .limit(BATCH)
    .lean();
  const tickets = await TicketModel.find({ intake: 'pending', createdAt: { $lt: olderThan } }, { _id: 1, createdAt: 1 }).sort({ createdAt: 1 }).limit(BATCH).lean();
  const completed: string[] = [];
  for (const intake of requests) {
    await startTicketWorkflow(deps, intake.ticketId, intake.createdAt.getTime(), intake._id);
    await issueQueryCode(deps.config.secret, intake.ticketId, intake._id);
    completed.push(intake.ticketId);
  }
  for (const ticket of tickets) {
    await startTicketWorkflow(deps, ticket._id, ticket.createdAt.getTime());
    await issueQueryCode(deps.config.secret, ticket._id);
    completed.push(ticket._id);
  }
  return completed;
}
