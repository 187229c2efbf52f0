import { Router } from 'express';
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { QueryCodeSchema } from '../../domain/query-code';
import { CustomerModel } from '../../models/customer.model';
import { ticketEventsPage } from '../../models/ticket-event.model';
import { IntakeRequestModel } from '../../models/intake-request.model';
import { TicketModel, type TicketDoc } from '../../models/ticket.model';
import { receivedTicket } from '../../services/intake/received-ticket';
import { addCustomerMessageUpdate } from '../../workflows/messages';
import { clientKey, createRateLimiter, createRateLimitStore } from '../middleware/rate-limit';
import { registerRoute } from '../openapi/registry';
import { CustomerMessageResultSchema, PublicMessagesPageSchema, TrackingViewSchema } from '../openapi/views';
import { parseInput, requireJsonContentType } from '../validation';
import { ticketContactPreferences } from '../../services/customers/contact-preferences';
import { queryCodeHasher, type QueryCodeHasher } from '../../services/query-codes/query-code-crypto';
import { resolveQueryCodeHashes } from '../../services/query-codes/resolve-query-code';
import { EventPageQuerySchema, IdempotencyHeadersSchema, MessageBodySchema } from '../tickets/tickets.schema';
import { actionIds, sendTicketAction } from '../tickets/ticket-updates';
import { cachedLookup } from '../../services/configuration/cached-lookup';
import { getRegion } from '../../models/region.model';
import { uncachedAnswers, type TrackingAnswers } from './tracked-code';
import { TrackedCodeCache, type TrackCacheOptions } from './tracked-code-cache';
import { trackingReads } from './tracking-reads';
import { publicMessages } from './track-view';

const CodeParamsSchema = z.strictObject({ code: QueryCodeSchema });
const notFound = { description: 'Unknown query code (same answer and timing for every unknown code)' };
const limited = { description: 'Too many lookups from this client; retry after the `Retry-After` seconds' };

registerRoute({
  method: 'get',
  path: '/api/track/{code}',
  summary: 'Track a ticket with its query code (no account needed)',
  tags: ['tracking'],
  auth: 'public',
  params: CodeParamsSchema,
  rateLimited: true,
  responses: { 200: { description: 'Status, stages, next update in your time zone, public messages', schema: TrackingViewSchema }, 400: { description: 'Not a query code' }, 404: notFound, 429: limited },
});
registerRoute({
  method: 'get',
  path: '/api/track/{code}/messages',
  summary: 'Older messages of a tracked ticket, oldest first (pass the `before` cursor of the tracking view or of the previous page)',
  tags: ['tracking'],
  auth: 'public',
  params: CodeParamsSchema,
  query: EventPageQuerySchema,
  rateLimited: true,
  responses: { 200: { description: 'Messages and the cursor of the page before (null at the start)', schema: PublicMessagesPageSchema }, 400: { description: 'Not a query code, or an invalid cursor' }, 404: notFound, 429: limited },
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
  rateLimited: true,
  responses: { 201: { description: 'Message received; the ticket status afterwards', schema: CustomerMessageResultSchema }, 404: notFound, 409: { description: 'The ticket is closed' }, 429: limited },
});

/**
 * The tracking cache's bounds: a customer sees a status change within a second of its write to the read model, and
 * the cache holds at most 20,000 issued codes' views in 32 MiB and 20,000 unknown codes in 12 MiB (as its entries estimate
 * themselves: about 530 bytes an unknown code, the view's JSON at two bytes a character and 530 more an issued one).
 */
function trackCacheOptions(clock: () => number, overrides: Partial<TrackCacheOptions> = {}): TrackCacheOptions {
  return {
    maxAgeMs: 1_000,
    refreshAfterMs: 700,
    preferencesMaxAgeMs: 10_000,
    issued: { maxEntries: 20_000, maxBytes: 32 * 2 ** 20 },
    unknown: { maxEntries: 20_000, maxBytes: 12 * 2 ** 20 },
    clock,
    ...overrides,
  };
}

/** What the tracking router needs; `trackCache` overrides the cache's bounds and clock (tests), or turns it off (bench). */
export interface TrackRouterDeps {
  config: Config;
  temporal: Client;
  now?: () => number;
  trackCache?: Partial<TrackCacheOptions> | 'off';
}

/** One API process's tracking answers, shared by its routers: intake forgets a code it has just issued. */
export interface Tracking {
  hasher: QueryCodeHasher;
  answers: TrackingAnswers;
  /** Makes the next lookup of `code` read again (a 404 held from before it was issued is not served). */
  forgetCode(code: string): void;
}

/** The tracking answers for `deps` (cached unless `trackCache` is 'off'). */
export function createTracking(deps: Pick<TrackRouterDeps, 'config' | 'trackCache'>): Tracking {
  const hasher = queryCodeHasher(deps.config);
  // Only tickets name regions, never a request; their language and zone defaults may show up to 10 s late.
  const reads = trackingReads(cachedLookup(getRegion, { ttlMs: 10_000 }));
  const clock = () => performance.now();
  const answers: TrackingAnswers =
    deps.trackCache === 'off' ? uncachedAnswers(reads, clock) : new TrackedCodeCache(reads, trackCacheOptions(clock, deps.trackCache));
  return {
    hasher,
    answers,
    forgetCode(code) {
      const parsed = QueryCodeSchema.safeParse(code);
      if (parsed.success) answers.expire(hasher.current(parsed.data));
    },
  };
}

/** Customer tracking by query code: rate-limited per client, codes looked up only by their hash, answers cached ≤ 1 s. */
export function trackRouter(deps: TrackRouterDeps & { tracking?: Tracking }): Router {
  const router = Router();
  const { trackPerMinute } = deps.config.rateLimits;
  const limit = createRateLimiter({ name: 'track', windowMs: 60_000, max: trackPerMinute, key: clientKey, store: createRateLimitStore(deps.config.rateLimits), now: deps.now });
  const { hasher, answers } = deps.tracking ?? createTracking(deps);
  const loadRegion = cachedLookup(getRegion, { ttlMs: 10_000 }); // the messages route's language and zone defaults

  const parseCode = (rawCode: unknown) => parseInput(CodeParamsSchema, { code: rawCode }, 'params').code;

  /** The ticket as stored now (the message routes act on it, so they read it rather than a cached view). */
  async function findTicket(code: string): Promise<TicketDoc> {
    const entry = await resolveQueryCodeHashes(hasher.accepted(code));
    const ticket = entry ? await TicketModel.findById(entry.ticketId).lean<TicketDoc>() : null;
    if (ticket?.intake === 'started') return ticket;
    // Answered with a 201 a moment ago, not written by its workflow yet: the request, as received.
    const intake = !ticket && entry?.intakeId ? await IntakeRequestModel.findById(entry.intakeId).lean() : null;
    if (entry && intake?.request) return receivedTicket(entry.ticketId, { ...intake, request: intake.request });
    throw new MeridianError('QUERY_CODE_NOT_FOUND', 'no ticket has this query code');
  }

  async function preferencesOf(ticket: TicketDoc) {
    const customer = await CustomerModel.findById(ticket.customerId, { profile: 1, timeZone: 1, language: 1 }).lean();
    return ticketContactPreferences(ticket, customer, () => loadRegion(ticket.regionId));
  }

  router.get('/api/track/:code', limit, async (req, res) => {
    const code = parseCode(req.params.code);
    const { body } = await answers.answer(hasher.current(code), () => hasher.accepted(code));
    if (body === null) throw new MeridianError('QUERY_CODE_NOT_FOUND', 'no ticket has this query code');
    res.setHeader('Cache-Control', 'no-store');
    res.type('json').send(body);
  });

  router.get('/api/track/:code/messages', limit, async (req, res) => {
    const ticket = await findTicket(parseCode(req.params.code));
    const { before, limit: pageSize } = parseInput(EventPageQuerySchema, req.query, 'query');
    const page = await ticketEventsPage(ticket._id, { before, limit: pageSize, visibility: 'public' });
    res.setHeader('Cache-Control', 'no-store');
    res.json({ items: publicMessages(page.events, await preferencesOf(ticket)), before: page.before });
  });

  router.post('/api/track/:code/messages', limit, requireJsonContentType, async (req, res) => {
    const code = parseCode(req.params.code);
    const ticket = await findTicket(code);
    const { body } = parseInput(MessageBodySchema, req.body, 'body');
    if (ticket.status === 'closed') throw new MeridianError('TICKET_CLOSED', 'this ticket is closed; please open a new one');
    const { updateId, messageId } = actionIds(req, `customer:${ticket._id}`);
    const result = await sendTicketAction(deps.temporal, ticket._id, addCustomerMessageUpdate, { messageId, body }, updateId);
    answers.expire(hasher.current(code)); // the customer's next look shows their message (in this process; others within maxAgeMs)
    res.status(201).json({ status: result.status });
  });

  return router;
}
