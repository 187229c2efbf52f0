import { Router } from 'express';
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { QueryCodeSchema } from '../../domain/query-code';
import { CustomerModel } from '../../models/customer.model';
import { getRegion } from '../../models/region.model';
import { ticketEventsPage } from '../../models/ticket-event.model';
import { IntakeRequestModel } from '../../models/intake-request.model';
import { TicketModel, type TicketDoc } from '../../models/ticket.model';
import { receivedTicket } from '../../services/intake/received-ticket';
import { addCustomerMessageUpdate } from '../../workflows/messages';
import { clientKey, createRateLimiter, createRateLimitStore } from '../middleware/rate-limit';
import { registerRoute } from '../openapi/registry';
import { parseInput, requireJsonContentType } from '../validation';
import { ticketContactPreferences } from '../../services/customers/contact-preferences';
import { resolveQueryCode } from '../../services/query-codes/resolve-query-code';
import { EventPageQuerySchema, IdempotencyHeadersSchema, MessageBodySchema } from '../tickets/tickets.schema';
import { actionIds, sendTicketAction } from '../tickets/ticket-updates';
import { publicMessages, trackingView } from './track-view';

const CodeParamsSchema = z.strictObject({ code: QueryCodeSchema });
const notFound = { description: 'Unknown query code (same answer and timing for every unknown code)' };
const limited = { description: 'Too many lookups from this client' };

registerRoute({
  method: 'get',
  path: '/api/track/{code}',
  summary: 'Track a ticket with its query code (no account needed)',
  tags: ['tracking'],
  auth: 'public',
  params: CodeParamsSchema,
  responses: { 200: { description: 'Status, stages, next update in your time zone, public messages' }, 400: { description: 'Not a query code' }, 404: notFound, 429: limited },
});
registerRoute({
  method: 'get',
  path: '/api/track/{code}/messages',
  summary: 'Older messages of a tracked ticket, oldest first (pass the `before` cursor of the tracking view or of the previous page)',
  tags: ['tracking'],
  auth: 'public',
  params: CodeParamsSchema,
  query: EventPageQuerySchema,
  responses: { 200: { description: 'Messages and the cursor of the page before (null at the start)' }, 400: { description: 'Not a query code, or an invalid cursor' }, 404: notFound, 429: limited },
});
registerRoute({
  method: 'post',
  path: '/api/track/{code}/messages',
  summary: 'Reply as the customer: resumes the clock, reopens a resolved ticket inside the reopen window',
  tags: ['tracking'],
  auth: 'public',
  params: CodeParamsSchema,
  headers: IdempotencyHeadersSchema,
  body: MessageBodySchema,
  responses: { 201: { description: 'Message received; the ticket status afterwards' }, 404: notFound, 409: { description: 'The ticket is closed' }, 429: limited },
});

/** Customer tracking by query code: rate-limited per client, codes looked up only by their hash. */
export function trackRouter(deps: { config: Config; temporal: Client; now?: () => number }): Router {
  const router = Router();
  const { trackPerMinute } = deps.config.rateLimits;
  const limit = createRateLimiter({ name: 'track', windowMs: 60_000, max: trackPerMinute, key: clientKey, store: createRateLimitStore(deps.config.rateLimits), now: deps.now });

  async function findTicket(rawCode: unknown): Promise<TicketDoc> {
    const { code } = parseInput(CodeParamsSchema, { code: rawCode }, 'params');
    const entry = await resolveQueryCode(deps.config, code);
    const ticket = entry ? await TicketModel.findById(entry.ticketId).lean<TicketDoc>() : null;
    if (ticket?.intake === 'started') return ticket;
    // Answered with a 201 a moment ago, not written by its workflow yet: the request, as received.
    const intake = !ticket && entry?.intakeId ? await IntakeRequestModel.findById(entry.intakeId).lean() : null;
    if (entry && intake?.request) return receivedTicket(entry.ticketId, { ...intake, request: intake.request });
    throw new MeridianError('QUERY_CODE_NOT_FOUND', 'no ticket has this query code');
  }

  async function preferencesOf(ticket: TicketDoc) {
    const customer = await CustomerModel.findById(ticket.customerId, { profile: 1, timeZone: 1, language: 1 }).lean();
    return ticketContactPreferences(ticket, customer, () => getRegion(ticket.regionId));
  }

  router.get('/api/track/:code', limit, async (req, res) => {
    const ticket = await findTicket(req.params.code);
    res.setHeader('Cache-Control', 'no-store');
    res.json(trackingView(ticket, await preferencesOf(ticket)));
  });

  router.get('/api/track/:code/messages', limit, async (req, res) => {
    const ticket = await findTicket(req.params.code);
    const { before, limit: pageSize } = parseInput(EventPageQuerySchema, req.query, 'query');
    const page = await ticketEventsPage(ticket._id, { before, limit: pageSize, visibility: 'public' });
    res.setHeader('Cache-Control', 'no-store');
    res.json({ items: publicMessages(page.events, await preferencesOf(ticket)), before: page.before });
  });

  router.post('/api/track/:code/messages', limit, requireJsonContentType, async (req, res) => {
    const ticket = await findTicket(req.params.code);
    const { body } = parseInput(MessageBodySchema, req.body, 'body');
    if (ticket.status === 'closed') throw new MeridianError('TICKET_CLOSED', 'this ticket is closed; please open a new one');
    const { updateId, messageId } = actionIds(req, `customer:${ticket._id}`);
    const result = await sendTicketAction(deps.temporal, ticket._id, addCustomerMessageUpdate, { messageId, body }, updateId);
    res.status(201).json({ status: result.status });
  });

  return router;
}
