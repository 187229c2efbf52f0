import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { CustomerModel } from '../../models/customer.model';
import { ticketChannelSends } from '../../models/channel-outbox.model';
import { ticketEventsPage } from '../../models/ticket-event.model';
import { authenticate, getAuth } from '../middleware/auth';
import { clientKey, createRateLimiter, createRateLimitStore } from '../middleware/rate-limit';
import { registerRoute, type RouteLink } from '../openapi/registry';
import { StaffTicketViewSchema, TicketEventsPageSchema } from '../openapi/views';
import { parseInput, requireJsonContentType } from '../validation';
import { openTicket, type IntakeDeps } from '../../services/intake/open-ticket';
import { cachedLookup } from '../../services/configuration/cached-lookup';
import { getRegion } from '../../models/region.model';
import { loadVisibleTicket } from './ticket-access';
import { ticketMessagesIn } from '../../services/inbound/ticket-messages-in';
import { messageInView, STAFF_TIMELINE_PAGE, staffTicketView, timelineEntry } from './ticket-view';
import { whatsAppConsoleView } from './whatsapp-console';
import { CreateTicketBodySchema, CreateTicketResponseSchema, EventPageQuerySchema, IdempotencyHeadersSchema, TicketIdParamsSchema } from './tickets.schema';

const byTicketId = { id: '$response.body#/id' };
/**
 * Where a new ticket's query code leads its customer: tracking, which shows it as received from the 201 on. (The staff
 * view, in `Location`, shows it to agents only once it reaches one of their departments: 404 until then.)
 */
const INTAKE_LINKS: Record<string, RouteLink> = {
  track: { operation: 'GET /api/track/{code}', parameters: { code: '$response.body#/queryCode' } },
  trackMessages: { operation: 'GET /api/track/{code}/messages', parameters: { code: '$response.body#/queryCode' } },
  customerMessage: { operation: 'POST /api/track/{code}/messages', parameters: { code: '$response.body#/queryCode' } },
};
/** The current task of a ticket as its staff view shows it: claim it, complete it. */
const TICKET_LINKS: Record<string, RouteLink> = {
  claim: { operation: 'POST /api/tickets/{id}/claim', parameters: byTicketId },
  complete: { operation: 'POST /api/tickets/{id}/complete', parameters: byTicketId },
};

registerRoute({
  method: 'post',
  path: '/api/tickets',
  summary: 'Open a ticket (web form or API channel); retry safely with the same Idempotency-Key',
  tags: ['tickets'],
  auth: 'public',
  headers: IdempotencyHeadersSchema,
  body: CreateTicketBodySchema,
  rateLimited: true,
  responses: {
    201: { description: 'The ticket, its query code and tracking URL', schema: CreateTicketResponseSchema, links: INTAKE_LINKS },
    400: { description: 'Invalid body (pointer per field), or a compressed body that does not decompress' },
    413: { description: 'Body larger than 64 kB' },
    415: { description: 'Body not JSON, or a Content-Encoding other than gzip, deflate or br' },
    422: { description: 'Unknown region (UNKNOWN_REFERENCE), the Idempotency-Key used with another body (IDEMPOTENCY_KEY_REUSED), or a refund amount that is not money: text, fractional, zero or negative minor units, or a currency ISO 4217 does not have (INVALID_AMOUNT)' },
    429: { description: 'Too many tickets from this client' },
    503: { description: 'Database or Temporal unreachable; retry with the same Idempotency-Key' },
  },
});
registerRoute({
  method: 'get',
  path: '/api/tickets/{id}',
  summary: 'Staff view of a ticket: state, SLA clocks, customer and the latest 100 timeline events (older ones: /events)',
  tags: ['tickets'],
  auth: 'apiKey',
  roles: ['admin', 'ops', 'agent'],
  params: TicketIdParamsSchema,
  responses: { 200: { description: 'The ticket', schema: StaffTicketViewSchema, links: TICKET_LINKS }, 404: { description: 'No such ticket (or not in your departments)' } },
});

registerRoute({
  method: 'get',
  path: '/api/tickets/{id}/events',
  summary: 'A page of the staff timeline, oldest first: pass the `before` cursor of the previous page to go back in time',
  tags: ['tickets'],
  auth: 'apiKey',
  roles: ['admin', 'ops', 'agent'],
  params: TicketIdParamsSchema,
  query: EventPageQuerySchema,
  responses: { 200: { description: 'Events and the cursor of the page before (null at the first event)', schema: TicketEventsPageSchema }, 400: { description: 'Invalid ticket id, cursor or limit' }, 404: { description: 'No such ticket (or not in your departments)' } },
});

/** Intake and the staff view of tickets; `onCodeIssued` hears every code intake answers with (tracking forgets it). */
export function ticketsRouter(deps: IntakeDeps & { onCodeIssued?: (queryCode: string) => void }): Router {
  const router = Router();
  const { intakePerMinute } = deps.config.rateLimits;
  // Intake checks the region against this cache: its database round trips go to the reservation and the code.
  const regions = cachedLookup(getRegion, { ttlMs: 10_000 });
  const intakeLimit = createRateLimiter({ name: 'intake', windowMs: 60_000, max: intakePerMinute, key: clientKey, store: createRateLimitStore(deps.config.rateLimits), now: deps.now });

  router.post('/api/tickets', intakeLimit, requireJsonContentType, async (req, res) => {
    const headers = parseInput(IdempotencyHeadersSchema, { 'idempotency-key': req.get('idempotency-key') }, 'headers');
    const body = parseInput(CreateTicketBodySchema, req.body, 'body');
    const result = await openTicket({ ...deps, regions }, body, headers['idempotency-key'] ?? randomUUID());
    const { replayed, ...payload } = result;
    deps.onCodeIssued?.(payload.queryCode);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(201).location(`/api/tickets/${payload.id}`).json(payload);
  });

  router.get('/api/tickets/:id', authenticate(deps.config), async (req, res) => {
    const { id } = parseInput(TicketIdParamsSchema, req.params, 'params');
    const ticket = await loadVisibleTicket(getAuth(res), id);
    const [customer, page, sends, whatsapp, messagesIn] = await Promise.all([
      CustomerModel.findById(ticket.customerId).lean(),
      ticketEventsPage(id, { limit: STAFF_TIMELINE_PAGE }),
      ticketChannelSends(id),
      whatsAppConsoleView(id, Date.now()),
      ticketMessagesIn(id), // e-mail's sender verdicts beside the timeline
    ]);
    res.json({ ...staffTicketView(ticket, customer, page, sends), ...whatsapp, messagesIn: messagesIn.map(messageInView) });
  });

  router.get('/api/tickets/:id/events', authenticate(deps.config), async (req, res) => {
    const { id } = parseInput(TicketIdParamsSchema, req.params, 'params');
    const { before, limit } = parseInput(EventPageQuerySchema, req.query, 'query');
    await loadVisibleTicket(getAuth(res), id);
    const page = await ticketEventsPage(id, { before, limit });
    res.json({ items: page.events.map(timelineEntry), before: page.before });
  });

  return router;
}
