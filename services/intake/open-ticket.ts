import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { ticketWorkflowId, type Channel } from '../../domain/ticket';
import { retryOnDuplicateKey } from '../../models/mongo-errors';
import { getRegion } from '../../models/region.model';
import { TicketModel } from '../../models/ticket.model';
import type { ticketLifecycleWorkflow } from '../../workflows';
import { findOrCreateCustomer } from '../customers/find-or-create-customer';
import { issueQueryCode } from '../query-codes/issue-query-code';
import { reserveIntake } from './intake-reservation';

const TEMPORAL_START_DEADLINE_MS = 5_000;

/** Who a request says is writing: e-mail or phone find the customer; name, language and time zone are only claims. */
export interface IntakeCustomer {
  name: string;
  email?: string;
  phone?: string;
  regionId: string;
  timeZone?: string;
  language?: string;
}

/** A request to open a ticket, from any intake path (web form and API today; channels later). */
export interface OpenTicketRequest {
  channel: Channel;
  subject: string;
  description: string;
  customer: IntakeCustomer;
}

/** What intake needs: configuration, the Temporal client and a clock (tests with skipped time supply the server's). */
export interface IntakeDeps {
  config: Config;
  temporal: Client;
  now?: () => number;
}

export interface IntakeResult {
  id: string;
  queryCode: string;
  status: string;
  trackingUrl: string;
  replayed: boolean;
}

/**
 * Opens a ticket exactly once per idempotency key: reserve the key, find or create the customer, write the ticket
 * (pending), start its workflow (id = ticket id), mark it started. Every step is idempotent, so a retry after a failure
 * at any point (database or Temporal down → 503) completes the same ticket.
 */
export async function openTicket(deps: IntakeDeps, body: OpenTicketRequest, idempotencyKey: string): Promise<IntakeResult> {
  const { config, temporal, now: clock = Date.now } = deps;
  const claimedRegion = await getRegion(body.customer.regionId);
  if (!claimedRegion)
    throw new MeridianError('UNKNOWN_REFERENCE', `unknown region "${body.customer.regionId}"`, {
      errors: [{ pointer: '/body/customer/regionId', message: 'no such region' }],
    });
  const { ticketId, replayed } = await reserveIntake(config, idempotencyKey, body);
  const { name, email, phone, language, timeZone } = body.customer;
  const { id: customerId, profile } = await findOrCreateCustomer({ email, phone });
  // The region picks the SLA policy and calendar: a region staff verified wins over the one this request names.
  const verifiedRegion = profile?.regionId && profile.regionId !== claimedRegion.id ? await getRegion(profile.regionId) : null;
  const region = verifiedRegion ?? claimedRegion;
  const now = new Date(clock());
  // One round trip writes the ticket (first attempt) or reads the one an earlier attempt wrote (retry).
  const ticket = await retryOnDuplicateKey(() =>
    TicketModel.findOneAndUpdate(
      { _id: ticketId },
      {
        $setOnInsert: {
          customerId,
          regionId: region.id,
          channel: body.channel,
          subject: body.subject,
          description: body.description,
          contact: { name, ...(language ? { language } : {}), ...(timeZone ? { timeZone } : {}) },
          intake: 'pending',
          status: 'new',
          priority: 'normal',
          sla: {},
          task: null,
          lastEventSeq: 0,
          createdAt: now,
          updatedAt: now,
        },
      },
      { upsert: true, new: true }, // no projection: FerretDB 1.24 does not implement one on findAndModify
    ).lean(),
  );
  const queryCode = await issueQueryCode(config.secret, ticketId);
  try {
    // A deadline turns an unreachable Temporal into a prompt 503 instead of the SDK's long connection retries.
    await temporal.withDeadline(Date.now() + TEMPORAL_START_DEADLINE_MS, () =>
      temporal.workflow.start<typeof ticketLifecycleWorkflow>('ticketLifecycleWorkflow', {
        workflowId: ticketWorkflowId(ticketId),
        taskQueue: config.temporal.taskQueue,
        args: [{ ticketId, receivedAtMs: (ticket?.createdAt ?? now).getTime(), historyLimit: config.tickets.historyLimit }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    );
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err; // closed already: it was started before
  }
  if (ticket?.intake !== 'started') await TicketModel.updateOne({ _id: ticketId }, { $set: { intake: 'started' } });
  return {
    id: ticketId,
    queryCode,
    status: ticket?.status ?? 'new',
    // The customer-facing page arrives with the web console; until then the URL is the tracking API itself.
    trackingUrl: `${config.http.publicBaseUrl}/api/track/${queryCode}`,
    replayed,
  };
}
