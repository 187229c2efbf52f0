/**
 * Graph API errors (WhatsApp Cloud API, Messenger, Instagram): `{ error: { message, type, code, error_subcode?,
 * is_transient?, error_data?, fbtrace_id } }`. Meta answers throttling with HTTP 400 as often as 429, so the
 * classification reads `code` first (Meta: "base error handling on code, not on HTTP status").
 */
import { z } from 'zod';
import type { ChannelSendFailureType } from '../../domain/channels/send-failures';
import { sendError, type ChannelHttpTarget, type ChannelSendError, type HttpAnswer } from './channel-http';

const GraphErrorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    is_transient: z.boolean().optional(),
    error_data: z.object({ details: z.string().optional() }).optional(),
  }),
});

/** 4 app calls, 17 user calls, 32 page calls, 613 custom limit, 80007 WABA limit, 130429 throughput, 131056 pair rate. */
const THROTTLING_CODES = new Set([4, 17, 32, 613, 80007, 130429, 131056]);
/** 1 "API unknown / possible server error", 2 "temporary, downtime or overload", 131000 "something went wrong", 133004 "server temporarily unavailable". */
const TRANSIENT_CODES = new Set([1, 2, 131000, 133004]);
/** 102 session, 190 access token invalid or expired. */
const CREDENTIAL_CODES = new Set([102, 190]);

function classify(status: number, code: number | undefined, transient: boolean | undefined): ChannelSendFailureType {
  if (status === 401 || (code !== undefined && CREDENTIAL_CODES.has(code))) return 'CHANNEL_UNAUTHORIZED';
  if (status === 429 || (code !== undefined && THROTTLING_CODES.has(code))) return 'CHANNEL_RATE_LIMITED';
  if (status >= 500 || transient === true || (code !== undefined && TRANSIENT_CODES.has(code))) return 'CHANNEL_UNAVAILABLE';
  return 'CHANNEL_REJECTED';
}

/** The ChannelSendError of a non-2xx Graph answer. */
export function graphError(target: ChannelHttpTarget, answer: HttpAnswer): ChannelSendError {
  const parsed = GraphErrorSchema.safeParse(answer.json);
  const error = parsed.success ? parsed.data.error : undefined;
  // Meta's messages usually start with their code already ("(#132000) Number of parameters …"): name it once.
  const tagged = error?.code !== undefined && !error.message?.startsWith(`(#${error.code})`) ? `(#${error.code})` : undefined;
  const what = [tagged, error?.message ?? `HTTP ${answer.status}`, error?.error_data?.details]
    .filter(Boolean)
    .join(' ');
  return sendError(target, classify(answer.status, error?.code, error?.is_transient), answer, what, {
    ...(error?.code !== undefined ? { platformCode: String(error.code) } : {}),
  });
}
