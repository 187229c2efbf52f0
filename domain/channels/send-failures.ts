/**
 * Why a send to a messaging platform did not give a message id, and whether trying again can help. The activity
 * boundary turns these into ApplicationFailures of the same `type` (nonRetryable when `retryable` is false).
 */
import type { Channel } from './channel';

export const CHANNEL_SEND_FAILURES = {
  /** 429 or a platform throttling code: retry after `retryAfterMs` when the platform said, else with backoff. */
  CHANNEL_RATE_LIMITED: { retryable: true },
  /** 5xx, a timeout or a network error: the send may or may not have happened (LINE's retry key makes it safe). */
  CHANNEL_UNAVAILABLE: { retryable: true },
  /** Our credential was refused (401/403, Graph code 190): configuration to fix, not the customer's message. */
  CHANNEL_UNAUTHORIZED: { retryable: false },
  /** The platform refused this message for good (4xx: window closed, blocked, bad recipient, too long …). */
  CHANNEL_REJECTED: { retryable: false },
  /** A success status with a body that is not the documented answer: the message may be out, check by hand. */
  CHANNEL_INVALID_RESPONSE: { retryable: false },
} as const satisfies Record<string, { retryable: boolean }>;
export type ChannelSendFailureType = keyof typeof CHANNEL_SEND_FAILURES;

/** What the platform said, kept for the ticket timeline and the retry policy (never the credential). */
export interface ChannelSendFailureDetail {
  channel: Channel;
  status: number | null;
  /** The platform's own error code (Graph `error.code`, Telegram `error_code`, LINE `message`). */
  platformCode?: string;
  retryAfterMs?: number;
}
