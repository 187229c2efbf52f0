import type { Money } from './messages/templates';

/** Messages a ticket sends out of its outbound queue, in order, each at most once per key. */

export const OUTBOUND_KINDS = ['acknowledgement', 'agent-reply', 'info-request', 'reminder', 'approval-outcome', 'refund-done', 'resolution', 'survey', 'ops-alert'] as const;
export type OutboundKind = (typeof OUTBOUND_KINDS)[number];

/**
 * Messages that wait for the customer's allowed hours; the others (acknowledgement, replies, the resolution notice —
 * it names the reopen deadline, which must not pass while it waits — and alerts) go at once.
 */
export const DEFERRABLE_KINDS: ReadonlySet<OutboundKind> = new Set(['reminder', 'approval-outcome', 'refund-done', 'survey']);

export interface OutboundMessage {
  /** Business key of the message: the outbox sends each key once. */
  key: string;
  kind: OutboundKind;
  /** The staff message for replies and information requests; the reason for ops alerts. */
  body?: string;
  /** An agent's reply on WhatsApp: the approved template they picked (sent instead of the text, whatever the window). */
  template?: string;
  /** For a message that can wait: the earliest instant it may go (quiet hours in the customer's zone), once placed. */
  notBeforeMs?: number;
  /** Template values a message needs beyond the ticket: an approval's outcome and reason, a refunded amount, a reminder's instants. */
  values?: {
    outcome?: 'approved' | 'rejected';
    reason?: string;
    amount?: Money;
    askedAtMs?: number;
    replyByMs?: number;
    /** Until when a reply reopens a resolved ticket. */
    reopenUntilMs?: number;
    /** Set by the delivery activity (it holds the secret the survey link is signed with). */
    surveyUrl?: string;
  };
}
