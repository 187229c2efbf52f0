import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { IdSchema } from '../../domain/region';
import { getDepartment } from '../../models/department.model';
import { TaskModel } from '../../models/task.model';
import { TicketModel } from '../../models/ticket.model';
import { assertDepartmentVisible, authenticate, getAuth } from '../middleware/auth';
import { registerRoute } from '../openapi/registry';
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
  responses: { 200: { description: 'Tasks with their ticket summary' }, 400: { description: 'Bad filter' }, 404: { description: 'No such department (or not yours)' } },
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
    const filter: Record<string, unknown> = { departmentId: id, status: query.status === 'active' ? { $in: ['open', 'claimed'] } : query.status };
    if (query.assignee === 'me') filter.assigneeId = auth.memberId ?? '\u0000';
    else if (query.assignee === 'unassigned') filter.assigneeId = null;
    else if (query.assignee) filter.assigneeId = query.assignee;
    const tasks = await TaskModel.find(filter).sort({ priorityRank: -1, createdAt: 1 }).limit(query.limit).lean();
    const tickets = await TicketModel.find({ _id: { $in: tasks.map((t) => t.ticketId) } }, { subject: 1, status: 1, nextUpdateDueAtMs: 1, breachCount: 1 }).lean();
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
