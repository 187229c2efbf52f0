/**
 * Approvers answer an approval level: `POST /api/tickets/{id}/approvals/{approvalId}/approve|reject` with a reason.
 * The caller must be a department member (an agent key that acts as one) eligible for the current level; the workflow
 * judges that against the approval as it is now, after its Idempotency-Key lookup, so a retry gets its first answer.
 */
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { singleLineText } from '../../domain/text';
import * as m from '../../workflows/messages';
import { authenticate, getAuth } from '../middleware/auth';
import { registerRoute } from '../openapi/registry';
import { TicketActionResultSchema } from '../openapi/views';
import { parseInput, requireJsonContentType } from '../validation';
import { actionScope, loadVisibleTicket, staffActor } from '../tickets/ticket-access';
import { actionIds, sendTicketAction } from '../tickets/ticket-updates';
import { IdempotencyHeadersSchema, TicketIdParamsSchema } from '../tickets/tickets.schema';

const ApprovalParamsSchema = TicketIdParamsSchema.extend({
  approvalId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}-[1-9]\d{0,5}$/, 'not an approval id (such as refund-approval-1)'),
});
const ApproveBodySchema = z.strictObject({ reason: singleLineText(1000).describe('Why: kept with the answer for the audit trail') });
const RejectBodySchema = z.strictObject({ reason: singleLineText(1000).describe('Why: told to the customer in their language') });

const ANSWERS = [
  ['approve', 'Approve the current level of an approval', ApproveBodySchema],
  ['reject', 'Reject an approval (the customer is told the reason)', RejectBodySchema],
] as const;
for (const [decision, summary, body] of ANSWERS) {
  registerRoute({
    method: 'post',
    path: `/api/tickets/{id}/approvals/{approvalId}/${decision}`,
    summary,
    tags: ['approvals'],
    auth: 'apiKey',
    roles: ['agent'],
    params: ApprovalParamsSchema,
    headers: IdempotencyHeadersSchema,
    body,
    responses: {
      200: { description: 'Answer recorded: the ticket status afterwards', schema: TicketActionResultSchema },
      403: { description: 'Not an approver of the current level (NOT_AN_APPROVER), or the member who requested it (REQUESTER_CANNOT_APPROVE)' },
      404: { description: 'No such ticket or approval (or not in your departments)' },
      409: { description: 'You answered this approval already (ALREADY_ANSWERED), or it is decided (APPROVAL_DECIDED), or the ticket is closed' },
      422: { description: 'A key that acts as no department member cannot answer approvals (INCONSISTENT_INPUT)' },
    },
  });
}

export function approvalsRouter(deps: { config: Config; temporal: Client }): Router {
  const router = Router();
  const guard = [authenticate(deps.config), requireJsonContentType];
  for (const [decision, , bodySchema] of ANSWERS) {
    router.post(`/api/tickets/:id/approvals/:approvalId/${decision}`, ...guard, async (req, res) => {
      const { id, approvalId } = parseInput(ApprovalParamsSchema, req.params, 'params');
      const { reason } = parseInput(bodySchema, req.body, 'body');
      const auth = getAuth(res);
      if (auth.role !== 'agent') throw new MeridianError('FORBIDDEN', 'approvals are answered by department members with their own agent key');
      await loadVisibleTicket(auth, id);
      if (!auth.memberId)
        throw new MeridianError('INCONSISTENT_INPUT', 'this key acts as no department member; approvals are answered by a member', {
          errors: [{ pointer: '/headers/authorization', message: 'the key has no member' }],
        });
      const { updateId, messageId } = actionIds(req, `${auth.keyId}:${req.path}`);
      const input = { approvalId, decision, reason, actor: staffActor(auth), scope: actionScope(auth), requestId: messageId };
      res.json(await sendTicketAction(deps.temporal, id, m.answerApprovalUpdate, input, updateId));
    });
  }
  return router;
}
