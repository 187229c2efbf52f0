import type { Money } from './messages/templates';

/** Messages a ticket sends out of its outbound queue, in order, each at most once per key. */

export const OUTBOUND_KINDS = ['acknowledgement', 'agent-reply', 'info-request', 'reminder', 'approval-outcome', 'refund-done', 'ops-alert'] as const;
export type OutboundKind = (typeof OUTBOUND_KINDS)[number];

export interface OutboundMessage {
  /** Business key of the message: the outbox sends each key once. */
  key: string;
  kind: OutboundKind;
  /** The staff message for replies and information requests; the reason for ops alerts. */
  body?: string;
  /** Template values a message needs beyond the ticket: an approval's outcome and reason, a refunded amount, a reminder's instants. */
  values?: {
    outcome?: 'approved' | 'rejected';
    reason?: string;
    amount?: Money;
    askedAtMs?: number;
    replyByMs?: number;
  };
}
