/**
 * Sends through the LINE Messaging API push endpoint: `POST {base}/v2/bot/message/push` with the channel access
 * token as Bearer, `{ to, messages: [{ type: 'text', text }] }` (1–5 messages, each ≤ 5000 UTF-16 units) and
 * `X-Line-Retry-Key` (a UUID): LINE carries a key out once, and answers a repeat with 409 and
 * `x-line-accepted-request-id`, which is the earlier success, not a failure. Reply tokens expire within seconds, so
 * agents' replies always go by push.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ChannelSendFailureType } from '../../domain/channels/send-failures';
import { measureText, TEXT_LIMITS } from '../../domain/channels/text-limits';
import { invalidResponse, postJson, refuseLocally, sendError, type ChannelHttpTarget } from './channel-http';

export interface LineSenderConfig {
  /** https://api.line.me in production. */
  baseUrl: string;
  credentials: { channelAccessToken: string };
  timeoutMs?: number;
  now?: () => number;
}

export interface LinePush {
  /** The customer's userId (or a group/room id). */
  to: string;
  texts: string[];
  /** The same on every attempt of one business send: derive it with lineRetryKey(businessKey). */
  retryKey: string;
}

/** `deduplicated`: LINE had accepted this key before (409); its message ids are not given again. */
export interface LinePushResult {
  platformMessageIds: string[];
  deduplicated: boolean;
  acceptedRequestId?: string;
}

const OkSchema = z.object({ sentMessages: z.array(z.object({ id: z.string().min(1) })) });
const ErrorSchema = z.object({ message: z.string(), details: z.array(z.object({ message: z.string().optional(), property: z.string().optional() })).optional() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID (version-4 layout) derived from a business key, so every retry of one send carries the same X-Line-Retry-Key. */
export function lineRetryKey(businessKey: string): string {
  const b = createHash('sha256').update(`line-retry-key:${businessKey}`).digest();
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function classify(status: number, message: string): ChannelSendFailureType {
  if (status === 429) return /monthly limit/i.test(message) ? 'CHANNEL_REJECTED' : 'CHANNEL_RATE_LIMITED'; // the quota is back next month, not in minutes
  if (status >= 500) return 'CHANNEL_UNAVAILABLE';
  if (status === 401 || status === 403) return 'CHANNEL_UNAUTHORIZED';
  return 'CHANNEL_REJECTED';
}

/** A LINE sender bound to one channel access token. */
export function createLineSender(config: LineSenderConfig) {
  const { channelAccessToken } = config.credentials;
  const target: ChannelHttpTarget = { channel: 'line', baseUrl: config.baseUrl, secrets: [channelAccessToken], timeoutMs: config.timeoutMs, now: config.now };
  const limit = TEXT_LIMITS.line;

  return {
    /** Pushes 1–5 text messages in one request, carried out at most once per retry key. */
    async pushTexts(input: LinePush): Promise<LinePushResult> {
      if (!UUID.test(input.retryKey)) throw refuseLocally('line', 'X-Line-Retry-Key must be a UUID');
      if (input.texts.length < 1 || input.texts.length > limit.perRequest) throw refuseLocally('line', `a push carries 1 to ${limit.perRequest} messages`);
      if (input.texts.some((t) => !t.trim() || measureText(t, limit.unit) > limit.max)) throw refuseLocally('line', `each text must be 1 to ${limit.max} characters`);
      const body = { to: input.to, messages: input.texts.map((text) => ({ type: 'text', text })) };
      const answer = await postJson(target, '/v2/bot/message/push', { Authorization: `Bearer ${channelAccessToken}`, 'X-Line-Retry-Key': input.retryKey }, body);
      const acceptedRequestId = answer.headers.get('x-line-accepted-request-id');
      if (answer.status === 409 && acceptedRequestId) return { platformMessageIds: [], deduplicated: true, acceptedRequestId };
      if (answer.status >= 200 && answer.status < 300) {
        const parsed = OkSchema.safeParse(answer.json);
        if (!parsed.success) throw invalidResponse(target, answer.status, 'no sentMessages');
        return { platformMessageIds: parsed.data.sentMessages.map((m) => m.id), deduplicated: false };
      }
      const error = ErrorSchema.safeParse(answer.json);
      const message = error.success ? error.data.message : `HTTP ${answer.status}`;
      const details = error.success ? (error.data.details ?? []).map((d) => `${d.property ?? ''} ${d.message ?? ''}`.trim()).join('; ') : '';
      throw sendError(target, classify(answer.status, message), answer, details ? `${message} (${details})` : message, error.success ? { platformCode: message } : {});
    },
  };
}

export type LineSender = ReturnType<typeof createLineSender>;
