import { Router } from 'express';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import type { Actor } from '../../domain/ticket-events';
import { getDepartment } from '../../models/department.model';
import * as m from '../../workflows/messages';
import { authenticate, getAuth } from '../middleware/auth';
import { registerRoute } from '../openapi/registry';
import { TicketActionResultSchema } from '../openapi/views';
import { parseInput, requireJsonContentType } from '../validation';
import { actionScope, heldCurrentTask, loadVisibleTicket, staffActor } from './ticket-access';
import { actionIds, sendTicketAction } from './ticket-updates';
import { assertTemplatePickable } from './whatsapp-console';
import { ClaimBodySchema, CompleteBodySchema, IdempotencyHeadersSchema, MessageBodySchema, PriorityBodySchema, ReplyBodySchema, TicketIdParamsSchema } from './tickets.schema';

type StaffFields = { actor: Actor; scope?: m.ActionScope; requestId?: string };

const ACTIONS = [
  ['claim', 'Claim the current task (for yourself, or for `memberId`)', ClaimBodySchema],
  ['replies', 'Reply to the customer (public; meets the response targets); to a WhatsApp customer, optionally as an approved template', ReplyBodySchema],
  ['info-requests', 'Ask the customer for information (public; pauses the resolution clock)', MessageBodySchema],
  ['notes', 'Add an internal note (never shown to the customer)', MessageBodySchema],
  ['complete', 'Complete the current task with one of its outcomes', CompleteBodySchema],
  ['priority', 'Set the ticket’s priority: the SLA clocks count on against its targets, keeping the time already used', PriorityBodySchema],
] as const;
for (const [action, summary, body] of ACTIONS) {
  registerRoute({
    method: 'post',
    path: `/api/tickets/{id}/${action}`,
    summary,
    tags: ['ticket actions'],
    auth: 'apiKey',
    roles: ['admin', 'ops', 'agent'],
    params: TicketIdParamsSchema,
    headers: IdempotencyHeadersSchema,
    body,
    responses: {
      200: { description: 'Applied: the ticket status and current task afterwards', schema: TicketActionResultSchema },
      404: { description: 'No such ticket or task (or not in your departments)' },
      409: { description: 'Closed ticket, the task is already completed, or (priority) a ticket being triaged or resolved' },
      422: {
        description:
          'Well formed, but names what the task does not have: a member outside its department, an outcome its step does not offer ' +
          '(UNKNOWN_REFERENCE), or no member at all from a key that acts as none (INCONSISTENT_INPUT); (replies) a template the ' +
          'customer’s WhatsApp channel does not have (UNKNOWN_REFERENCE), or a template for a customer not on WhatsApp (INCONSISTENT_INPUT)',
      },
    },
  });
}

/**
 * Department actions on a ticket's current task: claim, reply, request information, note, complete. The API checks
 * that the caller sees the ticket (404 otherwise); whether its departments hold the task now is the workflow's check
 * (its validator answers 404 the same way), made after its Idempotency-Key lookup, so a retry of an action that moved
 * the task elsewhere still gets its first answer.
 */
export function ticketActionsRouter(deps: { config: Config; temporal: Client }): Router {
  const router = Router();
  const guard = [authenticate(deps.config), requireJsonContentType];

  router.post('/api/tickets/:id/claim', ...guard, async (req, res) => {
    const { id } = parseInput(TicketIdParamsSchema, req.params, 'params');
    const body = parseInput(ClaimBodySchema, req.body, 'body');
    const auth = getAuth(res);
    const ticket = await loadVisibleTicket(auth, id);
    const memberId = body.memberId ?? auth.memberId;
    if (!memberId)
      throw new MeridianError('INCONSISTENT_INPUT', 'memberId is required for keys that do not act as a member', { errors: [{ pointer: '/body/memberId', message: 'required' }] });
    // The member must belong to the department of the task claimed. Another task, or one outside the caller's
    // departments, is the workflow's to judge: it refuses a new request and answers a retried one as the first time.
    const task = heldCurrentTask(auth, ticket, body.taskId);
    const department = task ? await getDepartment(task.departmentId) : undefined;
    if (department !== undefined && !department?.members.some((mem) => mem.id === memberId))
      throw new MeridianError('UNKNOWN_REFERENCE', `member "${memberId}" is not in the task's department`, { errors: [{ pointer: '/body/memberId', message: 'not a member of the department' }] });
    const { updateId, messageId } = actionIds(req, `${auth.keyId}:${req.path}`);
    const input = { taskId: body.taskId, memberId, actor: staffActor(auth), scope: actionScope(auth), requestId: messageId };
    res.json(await sendTicketAction(deps.temporal, id, m.claimTaskUpdate, input, updateId));
  });

  const messageActions = [
    ['replies', m.replyToCustomerUpdate],
    ['info-requests', m.requestInfoUpdate],
    ['notes', m.addInternalNoteUpdate],
  ] as const;
  for (const [path, update] of messageActions) {
    router.post(`/api/tickets/:id/${path}`, ...guard, async (req, res) => {
      const { id } = parseInput(TicketIdParamsSchema, req.params, 'params');
      const { body, template } = path === 'replies' ? parseInput(ReplyBodySchema, req.body, 'body') : { ...parseInput(MessageBodySchema, req.body, 'body'), template: undefined };
      const auth = getAuth(res);
      await loadVisibleTicket(auth, id);
      if (template) await assertTemplatePickable(id, template, Date.now());
      const { updateId, messageId } = actionIds(req, `${auth.keyId}:${req.path}`);
      const input = { messageId, body, actor: staffActor(auth), scope: actionScope(auth), ...(template ? { template } : {}) };
      res.json(await sendTicketAction(deps.temporal, id, update, input, updateId));
    });
  }

  /** An action whose body goes to the workflow as it is, with who acts, for which departments, and the request id. */
  function bodyAction<S extends z.ZodType<object>>(path: string, schema: S, update: UpdateDefinition<m.TicketActionResult, [z.infer<S> & StaffFields]>) {
    router.post(`/api/tickets/:id/${path}`, ...guard, async (req, res) => {
      const { id } = parseInput(TicketIdParamsSchema, req.params, 'params');
      const body = parseInput(schema, req.body, 'body');
      const auth = getAuth(res);
      await loadVisibleTicket(auth, id);
      const { updateId, messageId } = actionIds(req, `${auth.keyId}:${req.path}`);
      const input = { ...body, actor: staffActor(auth), scope: actionScope(auth), requestId: messageId };
      res.json(await sendTicketAction(deps.temporal, id, update, input, updateId));
    });
  }
  bodyAction('complete', CompleteBodySchema, m.completeTaskUpdate);
  bodyAction('priority', PriorityBodySchema, m.changePriorityUpdate);

  return router;
}
