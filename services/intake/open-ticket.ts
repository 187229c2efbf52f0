import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import type { Channel } from '../../domain/ticket';
import { retryOnDuplicateKey } from '../../models/mongo-errors';
import { getRegion } from '../../models/region.model';
import { TicketModel } from '../../models/ticket.model';
import { findOrCreateCustomer } from '../customers/find-or-create-customer';
import { issueQueryCode } from '../query-codes/issue-query-code';
import { reserveIntake } from './intake-reservation';
import { startTicketWorkflow } from './start-ticket-workflow';

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
  const { config, now: clock = Date.now } = deps;
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
  if (ticket?.intake !== 'started') await startTicketWorkflow(deps, ticketId, (ticket?.createdAt ?? now).getTime());
  return {
    id: ticketId,
    queryCode,
    status: ticket?.status ?? 'new',
    // The customer-facing page arrives with the web console; until then the URL is the tracking API itself.
    trackingUrl: `${config.http.publicBaseUrl}/api/track/${queryCode}`,
    replayed,
  };
}
