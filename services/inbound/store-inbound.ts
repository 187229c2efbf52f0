/**
 * Stores what a channel delivered, once per (channel, platform message id): a platform's retry or two racing
 * deliveries find the stored message and add nothing. Only messages are stored here; delivery statuses of our own
 * messages are the outbound side's.
 */
import type { InboundMessage } from '../../domain/channels/channel';
import { InboundMessageModel, inboundId, type InboundMessageDoc } from '../../models/inbound-message.model';
import { isDuplicateKeyError } from '../../models/mongo-errors';

/** The stored message, and whether this delivery stored it (false: it was there already). */
export interface StoredInbound {
  id: string;
  stored: boolean;
  status: InboundMessageDoc['status'];
}

/** Inserts a message once: a second delivery meets the duplicate key and gets the stored one's status. */
export async function insertInboundOnce(doc: InboundMessageDoc): Promise<StoredInbound> {
  try {
    await InboundMessageModel.create(doc);
    return { id: doc._id, stored: true, status: doc.status };
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const existing = await InboundMessageModel.findById(doc._id, { status: 1 }).lean();
    return { id: doc._id, stored: false, status: existing?.status ?? doc.status };
  }
}

export async function storeInbound(channelId: string, message: InboundMessage, now: Date): Promise<StoredInbound> {
  const id = inboundId(channelId, message.platformMessageId);
  const doc: InboundMessageDoc = {
    _id: id,
    channelId,
    kind: message.channel,
    platformMessageId: message.platformMessageId,
    from: message.from,
    ...(message.text !== undefined ? { text: message.text } : {}),
    ...(message.media ? { media: message.media } : {}),
    ...(message.location ? { location: message.location } : {}),
    ...(message.conversationId ? { conversationId: message.conversationId } : {}),
    sentAt: new Date(message.atMs),
    receivedAt: now,
    status: 'received',
  };
  return insertInboundOnce(doc);
}
