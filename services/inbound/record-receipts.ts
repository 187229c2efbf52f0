/**
 * Delivery receipts of our messages on a channel: each moves a sent message forward (sent → delivered → read), never
 * back (platforms deliver receipts out of order); `failed` (WhatsApp may fail a message it had accepted) overrides
 * anything but `read`. Messenger's watermarks name no message: every message to that customer sent up to the
 * watermark is delivered (or read).
 */
import type { InboundItem, InboundStatus, InboundWatermark } from '../../domain/channels/channel';
import { ChannelOutboxModel, type ChannelOutboxDoc } from '../../models/channel-outbox.model';

const RANK = { sent: 0, delivered: 1, read: 2, failed: 1.5 } as const;
type Receipt = NonNullable<ChannelOutboxDoc['receipt']>;

function moves(current: Receipt | null, next: Receipt): boolean {
  return !current || RANK[next.status] > RANK[current.status];
}

async function apply(doc: Pick<ChannelOutboxDoc, '_id' | 'receipt'>, next: Receipt): Promise<boolean> {
  if (!moves(doc.receipt, next)) return false;
  // Only over what was read: a receipt applied meanwhile by another delivery is not overwritten with an older one.
  const res = await ChannelOutboxModel.updateOne({ _id: doc._id, receipt: doc.receipt }, { $set: { receipt: next } });
  return res.modifiedCount > 0;
}

async function recordStatus(channelId: string, s: InboundStatus): Promise<boolean> {
  const doc = await ChannelOutboxModel.findOne({ channelId, platformMessageIds: s.platformMessageId }, { receipt: 1 }).lean<ChannelOutboxDoc>();
  if (!doc) return false; // not ours (a message sent from the platform's own app), or an old one
  return apply(doc, { status: s.status, atMs: s.atMs, ...(s.error ? { error: `${s.error.code}: ${s.error.title}` } : {}) });
}

async function recordWatermark(channelId: string, w: InboundWatermark): Promise<number> {
  const docs = await ChannelOutboxModel.find({ channelId, recipient: w.recipientId, state: 'sent', sentAt: { $lte: new Date(w.upToMs) } }, { receipt: 1 })
    .sort({ sentAt: -1 })
    .limit(50)
    .lean<ChannelOutboxDoc[]>();
  let moved = 0;
  for (const doc of docs) if (await apply(doc, { status: w.status, atMs: w.atMs })) moved += 1;
  return moved;
}

/** Records the receipts of a delivery; answers how many sends they moved. */
export async function recordReceipts(channelId: string, items: InboundItem[]): Promise<number> {
  let moved = 0;
  for (const item of items) {
    if (item.kind === 'status') moved += (await recordStatus(channelId, item)) ? 1 : 0;
    else if (item.kind === 'watermark') moved += await recordWatermark(channelId, item);
  }
  return moved;
}
