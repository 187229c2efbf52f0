import type { Router } from 'express';
import { approvalsInboxRouter } from './approvals/approvals-inbox.routes';
import { approvalsRouter } from './approvals/approvals.routes';
import { surveysRouter } from './surveys/survey.routes';
import { departmentTasksRouter } from './departments/department-tasks.routes';
import { ticketActionsRouter } from './tickets/ticket-actions.routes';
import { ticketAttachmentsRouter } from './tickets/ticket-attachments.routes';
import { ticketsRouter } from './tickets/tickets.routes';
import { createTracking, trackRouter, type TrackRouterDeps } from './track/track.routes';
import type { IntakeDeps } from '../services/intake/open-ticket';

/** The ticket-facing routers: intake, staff view, actions and attachments, approvals and their inbox, tracking, department inboxes. */
export function ticketRouters(deps: IntakeDeps & Pick<TrackRouterDeps, 'trackCache'>): Router[] {
  const tracking = createTracking(deps);
  return [ticketsRouter({ ...deps, onCodeIssued: tracking.forgetCode }), ticketActionsRouter(deps), ticketAttachmentsRouter(deps), approvalsRouter(deps), approvalsInboxRouter(deps), surveysRouter(deps), trackRouter({ ...deps, tracking }), departmentTasksRouter(deps)];
}
