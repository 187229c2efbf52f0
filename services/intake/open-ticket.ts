import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import type { Identity } from '../../domain/customers/identity';
import type { Region } from '../../domain/region';
import type { Channel } from '../../domain/ticket';
import type { RefundRequest } from '../../domain/ticket-case';
import { getRegion } from '../../models/region.model';
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
  /** Identities on the channel it came through (a WhatsApp id, a Telegram user id …): the customer is found by them too. */
  identities?: Identity[];
}

/** A request to open a ticket, from any intake path (web form and API today; channels later). */
export interface OpenTicketRequest {
  channel: Channel;
  subject: string;
  description: string;
  customer: IntakeCustomer;
  refund?: RefundRequest;
  accountId?: string;
}

/** What intake needs: configuration, the Temporal client and a clock (tests with skipped time supply the server's). */
export interface IntakeDeps {
  config: Config;
  temporal: Client;
  now?: () => number;
  /** Region lookup (the API passes a cached one: intake's round trips go to the reservation and the query code). */
  regions?: (id: string) => Promise<Region | null>;
}

export interface IntakeResult {
  id: string;
  queryCode: string;
  status: string;
  trackingUrl: string;
  replayed: boolean;
}

/**
 * Opens a ticket exactly once per idempotency key: reserve the key with the request (one database round trip), then
 * at once start the workflow (id = ticket id), whose first activity writes the customer and the ticket from the
 * request, and index the query code (so the code in the 201 resolves at once). Every step is idempotent, so a retry after a failure at any
 * point (database or Temporal down → 503) completes the same ticket, and the sweeper completes one nobody retries.
 */
export async function openTicket(deps: IntakeDeps, body: OpenTicketRequest, idempotencyKey: string): Promise<IntakeResult> {
  const { config, now: clock = Date.now, regions = getRegion } = deps;
  if (!(await regions(body.customer.regionId)))
    throw new MeridianError('UNKNOWN_REFERENCE', `unknown region "${body.customer.regionId}"`, {
      errors: [{ pointer: '/body/customer/regionId', message: 'no such region' }],
    });
  const intake = await reserveIntake(config, idempotencyKey, body, new Date(clock()));
  // The code is indexed beside the start (both idempotent): the 201 comes only after both, so a code a client holds
  // always resolves; if the start fails (503), the index points at a stored request that a retry or the pending-intake
  // sweeper starts, and the code was handed to nobody.
  const [queryCode] = await Promise.all([
    issueQueryCode(config.secret, intake.ticketId, intake.intakeId),
    intake.admitted ? undefined : startTicketWorkflow(deps, intake.ticketId, intake.receivedAtMs, intake.intakeId),
  ]);
  return {
    id: intake.ticketId,
    queryCode,
    status: 'new',
    // The customer-facing page arrives with the web console; until then the URL is the tracking API itself.
    trackingUrl: `${config.http.publicBaseUrl}/api/track/${queryCode}`,
    replayed: intake.replayed,
  };
}
