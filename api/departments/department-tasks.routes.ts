import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { IdSchema } from '../../domain/region';
import { getDepartment } from '../../models/department.model';
import { departmentInbox } from '../../models/task.model';
import { ticketSummaries } from '../../models/ticket.model';
import { assertDepartmentVisible, authenticate, getAuth } from '../middleware/auth';
import { registerRoute } from '../openapi/registry';
import { DepartmentTasksSchema } from '../openapi/views';
import { iso } from '../tickets/ticket-view';
import { parseInput } from '../validation';

const ParamsSchema = z.strictObject({ id: IdSchema });
const QuerySchema = z.strictObject({
  status: z.enum(['open', 'claimed', 'done', 'active']).default('active'),
  assignee: z.union([z.literal('me'), z.literal('unassigned'), IdSchema]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

registerRoute({
  method: 'get',
  path: '/api/departments/{id}/tasks',
  summary: "A department's task inbox, most urgent first (active = open + claimed)",
  tags: ['departments'],
  auth: 'apiKey',
  roles: ['admin', 'ops', 'agent'],
  params: ParamsSchema,
  query: QuerySchema,
  responses: {
    200: {
      description: 'Tasks with their ticket summary',
      schema: DepartmentTasksSchema,
      links: { claim: { operation: 'POST /api/tickets/{id}/claim', parameters: { id: '$response.body#/items/0/ticketId' }, description: 'Claim the most urgent task' } },
    },
    400: { description: 'Invalid department id or filter' },
    404: { description: 'No such department (or not yours)' },
  },
});

/** Department inboxes: agents see only their own departments (others are 404). */
export function departmentTasksRouter(deps: { config: Config }): Router {
  const router = Router();
  router.get('/api/departments/:id/tasks', authenticate(deps.config), async (req, res) => {
    const { id } = parseInput(ParamsSchema, req.params, 'params');
    const query = parseInput(QuerySchema, req.query, 'query');
    const auth = getAuth(res);
    assertDepartmentVisible(auth, id, 'DEPARTMENT_NOT_FOUND', `department "${id}" not found`);
    if (!(await getDepartment(id))) throw new MeridianError('DEPARTMENT_NOT_FOUND', `department "${id}" not found`);
    // `me` for a key that acts as no member is nobody's tasks: none (a NUL placeholder id made PostgreSQL fail with a 500).
    if (query.assignee === 'me' && !auth.memberId) {
      res.json({ items: [] });
      return;
    }
    const assigneeId = query.assignee === 'me' ? auth.memberId : query.assignee === 'unassigned' ? null : query.assignee;
    const statuses = query.status === 'active' ? (['open', 'claimed'] as const) : [query.status];
    const tasks = await departmentInbox(id, { statuses, assigneeId, limit: query.limit });
    const tickets = await ticketSummaries(tasks.map((t) => t.ticketId));
    const byId = new Map(tickets.map((t) => [t._id, t]));
    res.json({
      items: tasks.map((t) => {
        const ticket = byId.get(t.ticketId);
        return {
          taskId: t._id,
          ticketId: t.ticketId,
          title: t.title,
          status: t.status,
          assigneeId: t.assigneeId,
          priority: t.priority,
          allowedOutcomes: t.allowedOutcomes,
          dueAt: iso(t.dueAtMs),
          createdAt: t.createdAt.toISOString(),
          ticket: ticket
            ? { subject: ticket.subject, status: ticket.status, breachCount: ticket.breachCount, nextUpdateDueAt: iso(ticket.nextUpdateDueAtMs) }
            : null,
        };
      }),
    });
  });
  return router;
}
