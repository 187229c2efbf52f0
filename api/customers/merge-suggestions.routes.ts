/** `GET /api/customers/merge-suggestions`: pairs of customers one request named, for ops to merge (or not). */
import { Router } from 'express';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { MergeSuggestionModel, type MergeSuggestionDoc } from '../../models/merge-suggestion.model';
import { authenticate, requireRole } from '../middleware/auth';
import { registerRoute } from '../openapi/registry';
import { parseInput } from '../validation';
import { SuggestionPageSchema, SuggestionQuerySchema } from './customers.schema';

registerRoute({
  method: 'get',
  path: '/api/customers/merge-suggestions',
  summary: 'Possible duplicates: pairs of customers whose identities came in one request, newest first (never merged automatically)',
  tags: ['customers'],
  auth: 'apiKey',
  roles: ['admin', 'ops'],
  query: SuggestionQuerySchema,
  responses: { 200: { description: 'A page of suggestions and the cursor of the next page', schema: SuggestionPageSchema } },
});

function suggestionView(s: MergeSuggestionDoc) {
  const [a, b] = s.customerIds;
  return {
    id: s._id,
    customers: [
      { id: a, identities: s.identitiesA },
      { id: b, identities: s.identitiesB },
    ],
    sightings: s.sightings,
    firstSeenAt: s.firstSeenAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    status: s.status,
    mergeId: s.mergeId ?? null,
  };
}

/** The suggestions list (admin, ops). */
export function mergeSuggestionsRouter(deps: { config: Config }): Router {
  const router = Router();
  // Without this, a PATCH here would reach PATCH /api/customers/{id} and answer 400 for the id, not 405.
  router.use('/api/customers/merge-suggestions', (req, res, next) => {
    if (req.path !== '/' || req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    res.setHeader('Allow', 'GET, HEAD');
    next(new MeridianError('METHOD_NOT_ALLOWED', `${req.method} is not allowed here; this resource allows GET, HEAD`));
  });
  router.get('/api/customers/merge-suggestions', authenticate(deps.config), requireRole('admin', 'ops'), async (req, res) => {
    const query = parseInput(SuggestionQuerySchema, req.query, 'query');
    const [atMs, id] = query.cursor ? (query.cursor.split('~') as [string, string]) : [];
    const at = atMs === undefined ? undefined : new Date(Number(atMs));
    // Newest first by (firstSeenAt, _id): both never change, so a walk sees each suggestion once.
    const after = at ? { $or: [{ firstSeenAt: { $lt: at } }, { firstSeenAt: at, _id: { $lt: id } }] } : {};
    const rows = await MergeSuggestionModel.find({ status: query.status, ...after })
      .sort({ firstSeenAt: -1, _id: -1 })
      .limit(query.limit + 1)
      .lean<MergeSuggestionDoc[]>();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    res.json({ items: page.map(suggestionView), nextCursor: last && rows.length > page.length ? `${last.firstSeenAt.getTime()}~${last._id}` : null });
  });
  return router;
}
