/**
 * A web chat visitor's message in, exactly like a platform's: stored once per (channel, visitor id, the widget's
 * message id) in `inbound_messages` (a resend after a lost answer finds it and adds nothing), put on the transcript
 * the widget polls, and handed to the visitor's conversation workflow, which routes it to a ticket. What the
 * pre-chat step and the browser say (name, e-mail, language, time zone) is kept as claims: never an identity.
 */
import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import type { InboundMessage } from '../../domain/channels/channel';
import { webchatConversation, webchatPlatformMessageId } from '../../domain/channels/webchat';
import { handOffInbound } from '../inbound/hand-off';
import { storeInbound } from '../inbound/store-inbound';
import { recordVisitorLine } from './transcript';

export interface VisitorMessage {
  clientMessageId: string;
  text: string;
  name?: string;
  email?: string;
  language?: string;
  timeZone?: string;
}

/** Stores a visitor's message once and hands it on; whether this request stored it (false: a resend). */
export async function takeVisitorMessage(
  deps: { temporal: Client; config: Pick<Config, 'temporal'> },
  channelId: string,
  visitorId: string,
  m: VisitorMessage,
  now: Date,
): Promise<{ stored: boolean }> {
  const message: InboundMessage = {
    kind: 'message',
    channel: 'webchat',
    platformMessageId: webchatPlatformMessageId(visitorId, m.clientMessageId),
    from: {
      platformUserId: visitorId,
      ...(m.name ? { name: m.name } : {}),
      ...(m.email ? { claimedEmail: m.email } : {}),
      ...(m.language ? { language: m.language } : {}),
      ...(m.timeZone ? { timeZone: m.timeZone } : {}),
    },
    text: m.text,
    atMs: now.getTime(),
  };
  const stored = await storeInbound(channelId, message, now);
  // After the inbound store: a failure here (503) is mended by the widget's resend, which finds the message stored.
  await recordVisitorLine(webchatConversation(channelId, visitorId), stored.id, m.clientMessageId, m.text, now);
  if (stored.status === 'received') await handOffInbound(deps.temporal, deps.config, { id: stored.id, channelId, platformUserId: visitorId });
  return { stored: stored.stored };
}
