/** Merging two customers into one, and undoing it (admin, ops): `POST /api/customers/{id}/merge`, `…/merges/{mergeId}/undo`. */
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import type { CustomerMergeDoc } from '../../models/customer-merge.model';
import { mergeCustomers } from '../../services/customers/merge-customers';
import { undoMerge } from '../../services/customers/undo-merge';
import { authenticate, getAuth, requireRole } from '../middleware/auth';
import { registerRoute } from '../openapi/registry';
import { staffActor } from '../tickets/ticket-access';
import { parseInput, requireJsonContentType } from '../validation';
import { CustomerIdParamsSchema, MergeBodySchema, MergeParamsSchema } from './customers.schema';

const isoInstant = z.iso.datetime({ offset: true });
const MergeViewSchema = z.object({
  id: z.string(),
  survivorId: z.string(),
  sourceId: z.string(),
  state: z.enum(['applying', 'done', 'undoing', 'undone']),
  reason: z.string().nullable(),
  moved: z.object({ identities: z.array(z.string()), tickets: z.array(z.string()) }),
  taken: z.array(z.string()).describe('Survivor fields taken from the source (it had none)'),
  createdAt: isoInstant,
  completedAt: isoInstant.nullable(),
  undoneAt: isoInstant.nullable(),
});

registerRoute({
  method: 'post',
  path: '/api/customers/{id}/merge',
  summary: 'Merge another customer (sourceId) into this one: identities, tickets and suggestions move; asked again, it finishes a merge under way',
  tags: ['customers'],
  auth: 'apiKey',
  roles: ['admin', 'ops'],
  params: CustomerIdParamsSchema,
  body: MergeBodySchema,
  responses: {
    200: { description: 'The merge, done', schema: MergeViewSchema },
    404: { description: 'No such customer (either one)' },
    409: { description: 'Either customer is merged already (CUSTOMER_MERGED) or in another merge (MERGE_IN_PROGRESS)' },
    422: { description: 'sourceId is the customer in the path (INCONSISTENT_INPUT)' },
  },
});
registerRoute({
  method: 'post',
  path: '/api/customers/{id}/merges/{mergeId}/undo',
  summary: 'Undo a merge into this customer: everything moves back, while nothing new was written to the customer since',
  tags: ['customers'],
  auth: 'apiKey',
  roles: ['admin', 'ops'],
  params: MergeParamsSchema,
  responses: {
    200: { description: 'The merge, undone', schema: MergeViewSchema },
    404: { description: 'No such merge into this customer' },
    409: { description: 'Undone already, or the customer changed since (a new ticket, identity, profile change or later merge: UNDO_REFUSED, with the reason), or a merge under way' },
  },
});

function mergeView(m: CustomerMergeDoc): z.infer<typeof MergeViewSchema> {
  return {
    id: m._id,
    survivorId: m.survivorId,
    sourceId: m.sourceId,
    state: m.state,
    reason: m.reason ?? null,
    moved: { identities: m.plan.identityIds, tickets: m.plan.ticketIds },
    taken: m.plan.taken.map((t) => t.path),
    createdAt: m.createdAt.toISOString(),
    completedAt: m.completedAt?.toISOString() ?? null,
    undoneAt: m.undoneAt?.toISOString() ?? null,
  };
}

/** Merge and undo, for admin and ops keys. */
export function customerMergesRouter(deps: { config: Config }): Router {
  const router = Router();
  const guard = [authenticate(deps.config), requireRole('admin', 'ops')];

  router.post('/api/customers/:id/merge', ...guard, requireJsonContentType, async (req, res) => {
    const { id } = parseInput(CustomerIdParamsSchema, req.params, 'params');
    const body = parseInput(MergeBodySchema, req.body, 'body');
    if (body.sourceId === id) {
      throw new MeridianError('INCONSISTENT_INPUT', 'a customer cannot be merged into itself', { errors: [{ pointer: '/body/sourceId', message: 'the customer in the path' }] });
    }
    res.json(mergeView(await mergeCustomers(id, body.sourceId, staffActor(getAuth(res)), body.reason)));
  });

  router.post('/api/customers/:id/merges/:mergeId/undo', ...guard, async (req, res) => {
    const { id, mergeId } = parseInput(MergeParamsSchema, req.params, 'params');
    res.json(mergeView(await undoMerge(id, mergeId, staffActor(getAuth(res)))));
  });

  return router;
}
