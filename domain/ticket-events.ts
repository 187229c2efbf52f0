/** Lifecycle events: what happened to a ticket, in order, each recorded once by (ticketId, seq). */

export const TICKET_EVENT_TYPES = [
  'ticket.created',
  'ticket.needs_attention',
  'ticket.attention_resolved',
  'ticket.triaged',
  'task.created',
  'task.claimed',
  'task.completed',
  'message.customer',
  'message.agent',
  'info.requested',
  'note.internal',
  'sla.warning',
  'sla.breached',
  'sla.met',
  'escalation.level',
  'escalation.failed',
  'delivery.failed',
  'ticket.resolved',
  'ticket.reopened',
  'ticket.closed',
  'step.completed',
  'approval.requested',
  'approval.answered',
  'approval.escalated',
  'approval.decided',
  'integration.completed',
  'customer.notified',
  'wait.reminded',
  'ticket.priority_changed',
  'survey.sent',
  'survey.answered',
  'survey.expired',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export type Visibility = 'public' | 'internal';

/** Which events the customer may see on the tracking page. */
export const EVENT_VISIBILITY: Record<TicketEventType, Visibility> = {
  'ticket.created': 'public',
  'ticket.needs_attention': 'internal',
  'ticket.attention_resolved': 'internal',
  'ticket.triaged': 'internal',
  'task.created': 'internal',
  'task.claimed': 'internal',
  'task.completed': 'internal',
  'message.customer': 'public',
  'message.agent': 'public',
  'info.requested': 'public',
  'note.internal': 'internal',
  'sla.warning': 'internal',
  'sla.breached': 'internal',
  'sla.met': 'internal',
  'escalation.level': 'internal',
  'escalation.failed': 'internal',
  'delivery.failed': 'internal',
  'ticket.resolved': 'public',
  'ticket.reopened': 'public',
  'ticket.closed': 'public',
  'step.completed': 'internal',
  'approval.requested': 'internal',
  'approval.answered': 'internal',
  'approval.escalated': 'internal',
  'approval.decided': 'internal',
  'integration.completed': 'internal',
  'customer.notified': 'internal',
  'wait.reminded': 'internal',
  'ticket.priority_changed': 'internal',
  'survey.sent': 'internal',
  'survey.answered': 'internal',
  'survey.expired': 'internal',
};

export type ActorType = 'customer' | 'member' | 'api_key' | 'system';
/** Who did something. Staff identity stays internal: the tracking view never shows it. */
export interface Actor {
  type: ActorType;
  id: string;
}

export interface TicketEvent {
  ticketId: string;
  seq: number;
  type: TicketEventType;
  atMs: number;
  actor: Actor;
  /** Free-form data per type (message body, outcome, clock, level …). */
  data: Record<string, unknown>;
}
