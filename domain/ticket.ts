/**
 * Ticket statuses, priorities, tiers and channels. The status is derived from the workflow's phase
 * (workflows/ticket-state.ts `ticketStatus`), so there is no separate transition table to keep in step.
 */

export const TICKET_STATUSES = ['new', 'needs_attention', 'triaged', 'assigned', 'pending_approval', 'waiting_customer', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The next priority up, capped at urgent. */
export function raisePriority(p: Priority): Priority {
  const i = PRIORITIES.indexOf(p);
  return PRIORITIES[Math.min(i + 1, PRIORITIES.length - 1)] ?? 'urgent';
}

export const CUSTOMER_TIERS = ['standard', 'premium', 'vip'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

/** Where a ticket was opened: the web form, the API, e-mail, or a messaging platform's channel. */
export const CHANNELS = ['web', 'api', 'email', 'whatsapp', 'messenger', 'instagram', 'telegram', 'line', 'webchat'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The business key for a ticket's workflow. */
export function ticketWorkflowId(ticketId: string): string {
  return `ticket-${ticketId}`;
}
