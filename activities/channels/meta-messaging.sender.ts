/**
 * Sends through the Messenger Platform Send API, for Messenger and for Instagram messaging:
 * `POST {base}/{version}/{pageId|me}/messages` with the page access token as Bearer and
 * `{ recipient: { id }, messaging_type, message: { text } }` (plus `tag` with MESSAGE_TAG, e.g. HUMAN_AGENT outside
 * the 24-hour window). The same request serves the "Instagram API with Instagram Login" on graph.instagram.com.
 * Answers `message_id`.
 */
import { z } from 'zod';
import { measureText, TEXT_LIMITS } from '../../domain/channels/text-limits';
import { invalidResponse, postJson, refuseLocally, type ChannelHttpTarget } from './channel-http';
import { graphError } from './meta-graph-errors';

export interface MetaMessagingSenderConfig {
  channel: 'messenger' | 'instagram';
  /** https://graph.facebook.com (or https://graph.instagram.com for Instagram Login) in production. */
  baseUrl: string;
  apiVersion: string;
  /** `pageId` defaults to `me` (the page, or IG account, the token belongs to). */
  credentials: { accessToken: string; pageId?: string };
  timeoutMs?: number;
  now?: () => number;
}

export const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG'] as const;
export type MessagingType = (typeof MESSAGING_TYPES)[number];

export interface MetaText {
  /** The PSID (Messenger) or IGSID (Instagram) of the customer. */
  recipientId: string;
  text: string;
  /** RESPONSE (default) answers a customer inside the window; MESSAGE_TAG needs `tag`. */
  messagingType?: MessagingType;
  tag?: 'HUMAN_AGENT';
}

const SendAnswerSchema = z.object({ recipient_id: z.string().optional(), message_id: z.string().min(1) });

/** A Messenger or Instagram sender bound to one page (or Instagram account) token. */
export function createMetaMessagingSender(config: MetaMessagingSenderConfig) {
  const { accessToken, pageId = 'me' } = config.credentials;
  const target: ChannelHttpTarget = { channel: config.channel, baseUrl: config.baseUrl, secrets: [accessToken], timeoutMs: config.timeoutMs, now: config.now };

  return {
    /** Sends one text message (Messenger ≤ 2000 characters, Instagram ≤ 1000 UTF-8 bytes). */
    async sendText(input: MetaText): Promise<{ platformMessageId: string }> {
      const limit = TEXT_LIMITS[config.channel];
      if (!input.text.trim()) throw refuseLocally(config.channel, 'the text is empty');
      if (measureText(input.text, limit.unit) > limit.max) throw refuseLocally(config.channel, `the text is over ${limit.max} ${limit.unit === 'utf8' ? 'bytes' : 'characters'}`);
      const messagingType = input.messagingType ?? 'RESPONSE';
      if ((messagingType === 'MESSAGE_TAG') !== (input.tag !== undefined)) throw refuseLocally(config.channel, 'a tag goes with messaging_type MESSAGE_TAG, and only with it');
      const body = {
        recipient: { id: input.recipientId },
        messaging_type: messagingType,
        message: { text: input.text },
        ...(input.tag ? { tag: input.tag } : {}),
      };
      const path = `/${encodeURIComponent(config.apiVersion)}/${encodeURIComponent(pageId)}/messages`;
      const answer = await postJson(target, path, { Authorization: `Bearer ${accessToken}` }, body);
      if (answer.status < 200 || answer.status >= 300) throw graphError(target, answer);
      const parsed = SendAnswerSchema.safeParse(answer.json);
      if (!parsed.success) throw invalidResponse(target, answer.status, 'no message_id');
      return { platformMessageId: parsed.data.message_id };
    },
  };
}

export type MetaMessagingSender = ReturnType<typeof createMetaMessagingSender>;
