/**
 * Routes a stored inbound channel message to a ticket: the customer is found (or created) by their identity on the
 * channel; a customer with a ticket that is not closed gets the message on it (it resumes a paused clock, meets
 * nothing, reopens a resolved ticket inside its reopen window); anyone else gets a new ticket through the same intake
 * as the API. Idempotent: the message id is the update's request id and the intake's idempotency key, and a routed
 * message is not routed again.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Config } from '../../config/config';
import type { IdentityKind } from '../../domain/customers/identity';
import { ERROR_STATUS, MeridianError } from '../../domain/errors';
import { normaliseIdentity, normalisePhone } from '../../domain/customers/normalise';
import { ticketWorkflowId } from '../../domain/ticket';
import { InboundMessageModel, type InboundMessageDoc } from '../../models/inbound-message.model';
import { TicketModel } from '../../models/ticket.model';
import { listRegionDocs } from '../../models/region.model';
import { getChannelDoc } from '../../services/channels/channel-store';
import { findOrCreateCustomer } from '../../services/customers/find-or-create-customer';
import { openTicket } from '../../services/intake/open-ticket';
import { addCustomerMessageUpdate } from '../../workflows/messages';
import type { ActivityDeps } from '../deps';
import { threadTicketOf } from './email-thread';
import { describeInbound, subjectOfInbound } from './inbound-text';
import { answerQueryCode } from './status-reply';

/** The API's pieces intake needs, held by the worker for routing channel messages. */
export interface InboundRoutingDeps {
  config: Config;
  temporal: Client;
}

/** Adds the message to the ticket; false when the ticket can take no message (closed since it was looked up). */
async function continueTicket(temporal: Client, ticketId: string, message: InboundMessageDoc, body: string): Promise<boolean> {
  const handle = temporal.workflow.getHandle(ticketWorkflowId(ticketId));
  try {
    // Given up when the activity is cancelled (a worker shutting down stops running the workflow that would answer, and
    // would otherwise wait out this activity's timeout); the retry on another worker repeats it by the same update id.
    await temporal.withAbortSignal(Context.current().cancellationSignal, () =>
      handle.executeUpdate(addCustomerMessageUpdate, { args: [{ messageId: message._id, body, channel: message.kind }], updateId: `inbound:${message._id}` }),
    );
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === 'TICKET_CLOSED') return false;
    throw err;
  }
}

/**
 * The ticket a message continues: the customer's latest ticket that is not closed, else the one this conversation's
 * last message opened (its workflow may not have written the ticket yet; if it is closed, the update says so).
 */
async function openTicketOf(customerId: string, message: InboundMessageDoc): Promise<string | null> {
  const open = await TicketModel.findOne({ customerId, intake: 'started', status: { $ne: 'closed' } }, { _id: 1 }).sort({ createdAt: -1 }).lean();
  if (open) return open._id;
  const last = await InboundMessageModel.findOne({ channelId: message.channelId, 'from.platformUserId': message.from.platformUserId, status: 'routed', ticketId: { $exists: true } }, { ticketId: 1 })
    .sort({ routedAt: -1 })
    .lean();
  return last?.ticketId ?? null;
}

/** Intake's answer, or the code of a refusal that retrying cannot change (a 4xx MeridianError). */
async function openTicketOrRefusal(...args: Parameters<typeof openTicket>): Promise<{ id: string } | { refused: string }> {
  try {
    return await openTicket(...args);
  } catch (err) {
    if (err instanceof MeridianError && ERROR_STATUS[err.code] < 500) return { refused: err.code };
    throw err;
  }
}

/** The region of tickets opened by e-mail: INBOUND_EMAIL_REGION, else the first region by id. */
async function emailRegion(config: Config): Promise<string | undefined> {
  return config.inboundEmail.regionId ?? (await listRegionDocs())[0]?.body.id;
}

/** The language and time zone a web chat visitor's browser gave: claims for the new ticket, like an API request's. */
function localeClaims(from: InboundMessageDoc['from']): { language?: string; timeZone?: string } {
  return { ...(from.language ? { language: from.language } : {}), ...(from.timeZone ? { timeZone: from.timeZone } : {}) };
}

async function markRouted(id: string, ticketId: string, routed: 'continued' | 'opened'): Promise<void> {
  await InboundMessageModel.updateOne({ _id: id }, { $set: { status: 'routed', ticketId, routed, routedAt: new Date() } });
}

export function createInboundActivities(deps: Pick<ActivityDeps, 'logger' | 'inboundRouting' | 'messages' | 'publicBaseUrl'>) {
  return {
    async routeInboundMessage({ inboundId }: { inboundId: string }): Promise<{ ticketId: string | null }> {
      const message = await InboundMessageModel.findById(inboundId).lean<InboundMessageDoc>();
      if (!message) throw ApplicationFailure.nonRetryable(`inbound message ${inboundId} not found`, 'INBOUND_NOT_FOUND');
      if (message.status === 'routed') return { ticketId: message.ticketId ?? null };
      if (message.status === 'held') return { ticketId: null }; // a forged From: kept for a person, never routed
      const routing = deps.inboundRouting;
      if (!routing) throw ApplicationFailure.retryable('this worker cannot route channel messages (no Temporal client)', 'INBOUND_ROUTING_UNAVAILABLE');
      const email = message.kind === 'email';
      const asked = email ? null : await answerQueryCode(deps, routing.config, message);
      if (asked) {
        // Not on the ticket (its replies never go to whoever asked with its code): only where its status went.
        await InboundMessageModel.updateOne({ _id: inboundId }, { $set: { status: 'routed', statusOfTicketId: asked, routed: 'status', routedAt: new Date() } });
        return { ticketId: asked };
      }
      const regionId = email ? await emailRegion(routing.config) : (await getChannelDoc(message.channelId))?.regionId;
      if (!regionId) {
        await InboundMessageModel.updateOne({ _id: inboundId }, { $set: { status: 'ignored' } });
        deps.logger.warn({ inboundId, channelId: message.channelId }, 'inbound message of a channel that no longer exists (or no region for e-mail): ignored');
        return { ticketId: null };
      }
      // In the one spelling every path stores (a platform id that fails its format is kept as the platform gave it).
      const kind = message.kind as IdentityKind;
      const identity = normaliseIdentity(kind, message.from.platformUserId) ?? { kind, value: message.from.platformUserId.trim() };
      const phone = message.from.phone ? (normalisePhone(message.from.phone) ?? undefined) : undefined;
      // Merge suggestions only from mail whose sender is proven (SPF/DKIM aligned with its From): a forger's signature must not link customers.
      const seen = message.authentication?.aligned ? (message.phones ?? []).map((value) => ({ kind: 'phone' as const, value })) : [];
      const { id: customerId } = email ? await findOrCreateCustomer({ email: identity.value, seen }) : await findOrCreateCustomer({ phone, others: [identity] });
      const body = describeInbound(message);
      const open = (email ? await threadTicketOf(message, customerId, routing.config) : null) ?? (await openTicketOf(customerId, message));
      if (open && (await continueTicket(routing.temporal, open, message, body))) {
        await markRouted(inboundId, open, 'continued');
        return { ticketId: open };
      }
      const opened = await openTicketOrRefusal(
        { config: routing.config, temporal: routing.temporal },
        {
          channel: message.kind,
          subject: subjectOfInbound(message),
          description: body,
          customer: email
            ? { name: message.from.name ?? '', email: identity.value, regionId }
            : { name: message.from.name ?? '', ...(phone ? { phone } : {}), ...localeClaims(message.from), regionId, identities: [identity] },
        },
        `inbound:${inboundId}`,
      );
      if ('refused' in opened) {
        // Intake refuses what no retry can mend (a region ops deleted since): kept, not routed, and logged for ops,
        // so the conversation's later messages are not held up behind it.
        await InboundMessageModel.updateOne({ _id: inboundId }, { $set: { status: 'ignored' } });
        deps.logger.warn({ inboundId, code: opened.refused }, 'inbound message refused by intake: ignored');
        return { ticketId: null };
      }
      await markRouted(inboundId, opened.id, 'opened');
      return { ticketId: opened.id };
    },
  };
}
