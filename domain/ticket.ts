/** Ticket statuses, priorities and the transitions between statuses. */
import { MeridianError } from './errors';

export const TICKET_STATUSES = ['new', 'triaged', 'assigned', 'waiting_customer', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

const NEXT: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['triaged'],
  triaged: ['assigned', 'resolved'],
  assigned: ['assigned', 'waiting_customer', 'resolved'],
  waiting_customer: ['assigned', 'resolved'],
  resolved: ['assigned', 'closed'],
  closed: [],
};

/** Whether a ticket may move from one status to another. */
export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return NEXT[from].includes(to);
}

/** Throws INVALID_TRANSITION when the move is not allowed. */
export function assertTransitionAllowed(from: TicketStatus, to: TicketStatus): void {
  if (!canTransition(from, to)) throw new MeridianError('INVALID_TRANSITION', `cannot move ${from} → ${to}`);
}

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The next priority up, capped at urgent. */
export function raisePriority(p: Priority): Priority {
  const i = PRIORITIES.indexOf(p);
  return PRIORITIES[Math.min(i + 1, PRIORITIES.length - 1)] ?? 'urgent';
}

export const CUSTOMER_TIERS = ['standard', 'premium', 'vip'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export const CHANNELS = ['web', 'api', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The business key for a ticket's workflow. */
export function ticketWorkflowId(ticketId: string): string {
  return `ticket-${ticketId}`;
}
