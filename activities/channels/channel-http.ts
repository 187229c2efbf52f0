/**
 * The HTTP core the channel senders share: one JSON POST with a timeout and no redirects (a redirect would resend the
 * credential elsewhere), Retry-After reading, the typed ChannelSendError, and its ApplicationFailure for Temporal.
 * Credentials never appear in an error message: every text is scrubbed of the target's secrets.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Channel } from '../../domain/channels/channel';
import { CHANNEL_SEND_FAILURES, type ChannelSendFailureDetail, type ChannelSendFailureType } from '../../domain/channels/send-failures';

/** A send that did not produce a platform message id: `type` says why and whether a retry can help. */
export class ChannelSendError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly type: ChannelSendFailureType,
    message: string,
    readonly detail: ChannelSendFailureDetail,
  ) {
    super(message);
    this.name = 'ChannelSendError';
    this.retryable = CHANNEL_SEND_FAILURES[type].retryable;
  }
}

/** The failure Temporal retries (or not), waiting the platform's Retry-After when it gave one. */
export function toApplicationFailure(err: ChannelSendError): ApplicationFailure {
  return ApplicationFailure.create({
    type: err.type,
    message: err.message,
    nonRetryable: !err.retryable,
    details: [err.detail],
    ...(err.detail.retryAfterMs !== undefined ? { nextRetryDelay: err.detail.retryAfterMs } : {}),
  });
}

export interface ChannelHttpTarget {
  channel: Channel;
  baseUrl: string;
  /** Scrubbed from every error message (tokens can sit in a URL path, e.g. Telegram's /bot<token>/). */
  secrets: string[];
  timeoutMs?: number;
  now?: () => number;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  json: unknown;
}

const DEFAULT_TIMEOUT_MS = 15_000;

export const scrub = (text: string, secrets: string[]) => secrets.filter(Boolean).reduce((t, s) => t.split(s).join('[redacted]'), text);

/** POSTs `body` as JSON to `path`; any answer comes back, a network error or timeout is CHANNEL_UNAVAILABLE. */
export async function postJson(target: ChannelHttpTarget, path: string, headers: Record<string, string>, body: unknown): Promise<HttpAnswer> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${target.baseUrl.replace(/\/+$/, '')}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(target.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      redirect: 'error',
    });
    text = await response.text();
  } catch (err) {
    const cause = err instanceof Error ? `${err.name}: ${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}` : String(err);
    throw new ChannelSendError('CHANNEL_UNAVAILABLE', scrub(`${target.channel} unreachable: ${cause}`, target.secrets), { channel: target.channel, status: null });
  }
  return { status: response.status, headers: response.headers, json: parseJson(text) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `Retry-After` (delta seconds or an HTTP date) as milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The error of a non-2xx answer from what the platform's own error body says (`type` chosen by the sender). */
export function sendError(
  target: ChannelHttpTarget,
  type: ChannelSendFailureType,
  answer: { status: number; headers: Headers },
  what: string,
  extra: { platformCode?: string; retryAfterMs?: number } = {},
): ChannelSendError {
  const retryAfter = extra.retryAfterMs ?? retryAfterMs(answer.headers.get('retry-after'), (target.now ?? Date.now)());
  const detail: ChannelSendFailureDetail = {
    channel: target.channel,
    status: answer.status,
    ...(extra.platformCode !== undefined ? { platformCode: extra.platformCode } : {}),
    ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
  };
  return new ChannelSendError(type, scrub(`${target.channel} answered ${answer.status}: ${what}`, target.secrets), detail);
}

/** The error for a 2xx answer whose body is not the documented one. */
export function invalidResponse(target: ChannelHttpTarget, status: number, why: string): ChannelSendError {
  return new ChannelSendError('CHANNEL_INVALID_RESPONSE', scrub(`${target.channel} answered ${status} with an unexpected body: ${why}`, target.secrets), {
    channel: target.channel,
    status,
  });
}

/** Refuses, before any request, a text the platform would refuse (the caller splits with planOutboundText). */
export function refuseLocally(channel: Channel, why: string): ChannelSendError {
  return new ChannelSendError('CHANNEL_REJECTED', `${channel} message not sent: ${why}`, { channel, status: null });
}
