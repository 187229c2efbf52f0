import type { Client } from '@temporalio/client';
import type { Router } from 'express';
import type { Config } from '../config/config';
import { departmentTasksRouter } from './departments/department-tasks.routes';
import { ticketActionsRouter } from './tickets/ticket-actions.routes';
import { ticketsRouter } from './tickets/tickets.routes';
import { trackRouter } from './track/track.routes';

/** The ticket-facing routers: intake, staff view and actions, tracking, department inboxes. */
export function ticketRouters(deps: { config: Config; temporal: Client }): Router[] {
  return [ticketsRouter(deps), ticketActionsRouter(deps), trackRouter(deps), departmentTasksRouter(deps)];
}
