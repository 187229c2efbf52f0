/**
 * Sends through the Telegram Bot API: `POST {base}/bot{token}/sendMessage` with `{ chat_id, text,
 * reply_parameters? }`. Answers `{ ok: true, result: Message }` or `{ ok: false, error_code, description,
 * parameters?: { retry_after } }`. The message id returned is `chatId:messageId`, as the webhook parser names them.
 */
import { z } from 'zod';
import type { ChannelSendFailureType } from '../../domain/channels/send-failures';
import { measureText, TEXT_LIMITS } from '../../domain/channels/text-limits';
import { invalidResponse, postJson, refuseLocally, sendError, type ChannelHttpTarget } from './channel-http';

export interface TelegramSenderConfig {
  /** https://api.telegram.org in production. */
  baseUrl: string;
  credentials: { botToken: string };
  timeoutMs?: number;
  now?: () => number;
}

export interface TelegramText {
  chatId: string | number;
  text: string;
  /** The customer's message to quote, as `chatId:messageId` or the bare message id. */
  replyToPlatformMessageId?: string;
}

const OkSchema = z.object({ ok: z.literal(true), result: z.object({ message_id: z.number().int(), chat: z.object({ id: z.number().int() }) }) });
const ErrorSchema = z.object({
  ok: z.literal(false),
  error_code: z.number().int().optional(),
  description: z.string().optional(),
  parameters: z.object({ retry_after: z.number().optional() }).optional(),
});

/**
 * 401: the token is not a bot's; 404: the token is malformed (the path does not exist); 403: the user blocked the
 * bot (the customer's choice, not our credential); 400: chat not found, text too long …
 */
function classify(status: number): ChannelSendFailureType {
  if (status === 429) return 'CHANNEL_RATE_LIMITED';
  if (status >= 500) return 'CHANNEL_UNAVAILABLE';
  if (status === 401 || status === 404) return 'CHANNEL_UNAUTHORIZED';
  return 'CHANNEL_REJECTED';
}

/** A Telegram sender bound to one bot token. */
export function createTelegramSender(config: TelegramSenderConfig) {
  const { botToken } = config.credentials;
  const target: ChannelHttpTarget = { channel: 'telegram', baseUrl: config.baseUrl, secrets: [botToken], timeoutMs: config.timeoutMs, now: config.now };

  return {
    /** Sends one text message (≤ 4096 characters) to a chat. */
    async sendText(input: TelegramText): Promise<{ platformMessageId: string }> {
      const limit = TEXT_LIMITS.telegram;
      if (!input.text.trim()) throw refuseLocally('telegram', 'the text is empty');
      if (measureText(input.text, limit.unit) > limit.max) throw refuseLocally('telegram', `the text is over ${limit.max} characters`);
      const replyTo = input.replyToPlatformMessageId?.split(':').pop();
      const body = {
        chat_id: input.chatId,
        text: input.text,
        ...(replyTo && /^\d+$/.test(replyTo) ? { reply_parameters: { message_id: Number(replyTo), allow_sending_without_reply: true } } : {}),
      };
      // The token is part of the path: Telegram has no auth header. It is scrubbed from every error message.
      const answer = await postJson(target, `/bot${botToken}/sendMessage`, {}, body);
      if (answer.status >= 200 && answer.status < 300) {
        const parsed = OkSchema.safeParse(answer.json);
        if (!parsed.success) throw invalidResponse(target, answer.status, 'no result.message_id');
        return { platformMessageId: `${parsed.data.result.chat.id}:${parsed.data.result.message_id}` };
      }
      const error = ErrorSchema.safeParse(answer.json);
      const what = error.success ? (error.data.description ?? `error ${error.data.error_code ?? answer.status}`) : `HTTP ${answer.status}`;
      const retryAfter = error.success ? error.data.parameters?.retry_after : undefined;
      throw sendError(target, classify(answer.status), answer, what, {
        ...(error.success && error.data.error_code !== undefined ? { platformCode: String(error.data.error_code) } : {}),
        ...(retryAfter !== undefined ? { retryAfterMs: retryAfter * 1000 } : {}),
      });
    },
  };
}

export type TelegramSender = ReturnType<typeof createTelegramSender>;
