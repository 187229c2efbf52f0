/** The customer 360°'s timeline, `GET /api/customers/{id}/timeline`: tickets, messages, ratings and merges, newest first. */
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { customerTimeline, type TimelineItem, type TimelinePosition } from '../../services/customers/customer-timeline';
import { authenticate, getAuth, requireRole } from '../middleware/auth';
import { registerRoute } from '../openapi/registry';
import { parseInput } from '../validation';
import { loadVisibleCustomer, customerScope } from './customers.routes';
import { CustomerIdParamsSchema } from './customers.schema';

const CURSOR = /^(\d{1,15})~([em]:[A-Za-z0-9_:-]{1,120})$/;

const TimelineQuerySchema = z.strictObject({
  cursor: z
    .string()
    .regex(CURSOR, 'not a cursor of this timeline: pass nextCursor of the previous page')
    .transform((v): TimelinePosition => {
      const [, atMs, key] = CURSOR.exec(v) as unknown as [string, string, string];
      return { atMs: Number(atMs), key };
    })
    .optional()
    .describe('nextCursor of the previous page (opaque)'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const KINDS = ['ticket.opened', 'ticket.resolved', 'message.customer', 'message.agent', 'info.requested', 'rating', 'merge', 'merge.undone'] as const;
const TimelineItemSchema = z.object({
  kind: z.enum(KINDS),
  at: z.iso.datetime({ offset: true }),
  ticket: z.object({ id: z.string(), subject: z.string(), channel: z.string() }).nullable(),
  body: z.string().nullable().describe('A message’s text'),
  score: z.number().nullable().describe('A rating’s score'),
  comment: z.string().nullable().describe('A rating’s comment'),
  merge: z.object({ id: z.string(), survivorId: z.string(), sourceId: z.string() }).nullable(),
});
const TimelinePageSchema = z.object({ items: z.array(TimelineItemSchema), nextCursor: z.string().nullable().describe('Pass as `cursor` for older items; null on the last page') });

registerRoute({
  method: 'get',
  path: '/api/customers/{id}/timeline',
  summary: 'The customer’s timeline across channels: tickets opened and resolved, messages both ways, ratings, merges; newest first',
  tags: ['customers'],
  auth: 'apiKey',
  roles: ['admin', 'ops', 'agent'],
  params: CustomerIdParamsSchema,
  query: TimelineQuerySchema,
  responses: {
    200: { description: 'A page of the timeline (agents: of tickets that are or were in their departments)', schema: TimelinePageSchema },
    404: { description: 'No such customer (or, for agents, none with a ticket in your departments)' },
  },
});

const EVENT_KINDS: Record<string, (typeof KINDS)[number]> = {
  'ticket.created': 'ticket.opened',
  'ticket.resolved': 'ticket.resolved',
  'message.customer': 'message.customer',
  'message.agent': 'message.agent',
  'info.requested': 'info.requested',
  'survey.answered': 'rating',
};

function itemView(item: TimelineItem): z.infer<typeof TimelineItemSchema> {
  const at = new Date(item.atMs).toISOString();
  if (item.source === 'merge') {
    const { _id, survivorId, sourceId } = item.merge;
    return { kind: item.undone ? 'merge.undone' : 'merge', at, ticket: null, body: null, score: null, comment: null, merge: { id: _id, survivorId, sourceId } };
  }
  const data = item.event.data as { body?: unknown; score?: unknown; comment?: unknown };
  return {
    kind: EVENT_KINDS[item.event.type] ?? 'message.customer',
    at,
    ticket: item.ticket,
    body: typeof data.body === 'string' ? data.body : null,
    score: typeof data.score === 'number' ? data.score : null,
    comment: typeof data.comment === 'string' ? data.comment : null,
    merge: null,
  };
}

/** The timeline route for staff keys. */
export function customerTimelineRouter(deps: { config: Config }): Router {
  const router = Router();
  router.get('/api/customers/:id/timeline', authenticate(deps.config), requireRole('admin', 'ops', 'agent'), async (req, res) => {
    const { id } = parseInput(CustomerIdParamsSchema, req.params, 'params');
    const query = parseInput(TimelineQuerySchema, req.query, 'query');
    const auth = getAuth(res);
    await loadVisibleCustomer(auth, id);
    const { items, more } = await customerTimeline(id, customerScope(auth), query);
    const last = items.at(-1);
    res.json({ items: items.map(itemView), nextCursor: more && last ? `${last.atMs}~${last.key}` : null });
  });
  return router;
}
