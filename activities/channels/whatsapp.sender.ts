/**
 * Sends through the WhatsApp Cloud API: `POST {base}/{version}/{phoneNumberId}/messages` with a Bearer token; a text
 * (inside the 24-hour service window) or an approved template (outside it). Answers the `wamid` of the message.
 */
import { z } from 'zod';
import { measureText, TEXT_LIMITS } from '../../domain/channels/text-limits';
import { invalidResponse, postJson, refuseLocally, type ChannelHttpTarget } from './channel-http';
import { graphError } from './meta-graph-errors';

export interface WhatsAppSenderConfig {
  /** https://graph.facebook.com in production; a fake in tests. */
  baseUrl: string;
  /** Graph API version, e.g. `v23.0`. */
  apiVersion: string;
  credentials: { phoneNumberId: string; accessToken: string };
  timeoutMs?: number;
  now?: () => number;
}

export interface WhatsAppText {
  /** The customer's wa_id (international digits) or E.164 phone. */
  to: string;
  text: string;
  /** Quote the customer's message (its wamid). */
  replyToPlatformMessageId?: string;
  previewUrl?: boolean;
}

export interface WhatsAppTemplate {
  to: string;
  name: string;
  /** The approved template's language, e.g. `en_US`, `pt_BR`. */
  languageCode: string;
  /** Values of the body's {{1}}, {{2}} … in order. */
  bodyParameters?: string[];
}

const SendAnswerSchema = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });
const RECIPIENT = /^\+?[1-9]\d{5,14}$/;

/** A WhatsApp sender bound to one business phone number. */
export function createWhatsAppSender(config: WhatsAppSenderConfig) {
  const { phoneNumberId, accessToken } = config.credentials;
  const target: ChannelHttpTarget = { channel: 'whatsapp', baseUrl: config.baseUrl, secrets: [accessToken], timeoutMs: config.timeoutMs, now: config.now };

  async function send(to: string, payload: Record<string, unknown>): Promise<{ platformMessageId: string }> {
    if (!RECIPIENT.test(to)) throw refuseLocally('whatsapp', 'the recipient is not a wa_id or E.164 number');
    const body = { messaging_product: 'whatsapp', recipient_type: 'individual', to, ...payload };
    const path = `/${encodeURIComponent(config.apiVersion)}/${encodeURIComponent(phoneNumberId)}/messages`;
    const answer = await postJson(target, path, { Authorization: `Bearer ${accessToken}` }, body);
    if (answer.status < 200 || answer.status >= 300) throw graphError(target, answer);
    const parsed = SendAnswerSchema.safeParse(answer.json);
    if (!parsed.success) throw invalidResponse(target, answer.status, 'no messages[0].id');
    return { platformMessageId: parsed.data.messages[0]!.id };
  }

  return {
    /** Sends one free-form text (≤ 4096 characters; split longer texts with planOutboundText first). */
    async sendText(input: WhatsAppText) {
      const limit = TEXT_LIMITS.whatsapp;
      if (!input.text.trim()) throw refuseLocally('whatsapp', 'the text is empty');
      if (measureText(input.text, limit.unit) > limit.max) throw refuseLocally('whatsapp', `the text is over ${limit.max} characters`);
      return send(input.to, {
        type: 'text',
        text: { preview_url: input.previewUrl ?? false, body: input.text },
        ...(input.replyToPlatformMessageId ? { context: { message_id: input.replyToPlatformMessageId } } : {}),
      });
    },
    /** Sends an approved template, the only message allowed outside the customer-service window. */
    async sendTemplate(input: WhatsAppTemplate) {
      const parameters = (input.bodyParameters ?? []).map((text) => ({ type: 'text', text }));
      return send(input.to, {
        type: 'template',
        template: {
          name: input.name,
          language: { code: input.languageCode },
          ...(parameters.length ? { components: [{ type: 'body', parameters }] } : {}),
        },
      });
    },
  };
}

export type WhatsAppSender = ReturnType<typeof createWhatsAppSender>;
