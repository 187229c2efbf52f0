/**
 * Sends a message through a customer's channel at most once per business key, request by request (a long text is
 * split by the platform's limits): each request is marked done as soon as the platform answers, so a retry goes on
 * from the next one. An attempt that stopped in the middle of a request (the worker died, the connection broke without
 * an answer) may or may not have reached the customer: LINE's retry key makes repeating it safe; the other platforms
 * have none, so the message is marked `unconfirmed` and not sent again (the ticket shows it) — never a second copy.
 */
import { ApplicationFailure } from '@temporalio/common';
import { planOutboundText } from '../../domain/channels/text-limits';
import { ChannelOutboxModel, type ChannelOutboxDoc } from '../../models/channel-outbox.model';
import { retryOnDuplicateKey } from '../../models/mongo-errors';
import type { OpenChannel } from '../../services/channels/channel-store';
import { ChannelSendError, toApplicationFailure } from './channel-http';
import { idempotentSends, sendBatch, sendTemplate, type ChannelRecipient, type TemplateSend } from './channel-senders';

/** Longer than one request can take (the senders' timeouts) and than one delivery attempt. */
const LEASE_MS = 45_000;

export type ChannelSendOutcome = { sent: true; platformMessageIds: string[] } | { sent: false; reason: string };

async function reserve(key: string, ticketId: string, channelId: string, purpose: string, batches: number, recipient: string, template: ChannelOutboxDoc['template']): Promise<ChannelOutboxDoc> {
  const doc = await retryOnDuplicateKey(() =>
    ChannelOutboxModel.findOneAndUpdate(
      { _id: key },
      {
        $setOnInsert: { ticketId, channelId, purpose, state: 'pending', batches, sent: 0, platformMessageIds: [], attempts: 0, leaseUntil: null, failure: null, createdAt: new Date(), sentAt: null, recipient, receipt: null, template },
      },
      { upsert: true, new: true },
    ).lean<ChannelOutboxDoc>(),
  );
  return doc!;
}

const UNCONFIRMED = 'the last attempt stopped while the platform was being asked; it may have been delivered, so it is not sent again';

/** What goes: a text (split by the platform's limits), or on WhatsApp an approved template in one request. */
export type ChannelContent = { text: string; template?: never } | { template: TemplateSend; text?: never };

export async function sendThroughChannelOnce(input: { key: string; ticketId: string; purpose: string; channel: OpenChannel; to: ChannelRecipient } & ChannelContent): Promise<ChannelSendOutcome> {
  const { key, channel, template } = input;
  const batches = template ? [[]] : planOutboundText(channel.kind, input.text);
  const entry = await reserve(key, input.ticketId, channel.id, input.purpose, batches.length, input.to.platformUserId, template ? { name: template.name, languageCode: template.languageCode } : null);
  if (entry.state === 'sent') return { sent: true, platformMessageIds: entry.platformMessageIds ?? [] };
  if (entry.state === 'failed') return { sent: false, reason: entry.failure ?? 'the platform refused this message' };
  if (entry.state === 'unconfirmed') return { sent: false, reason: UNCONFIRMED };
  const now = Date.now();
  if (entry.state === 'sending') {
    if (entry.leaseUntil && entry.leaseUntil.getTime() > now) throw ApplicationFailure.retryable('another attempt is sending this message', 'DELIVERY_IN_PROGRESS');
    if (!idempotentSends(channel.kind)) {
      await ChannelOutboxModel.updateOne({ _id: key }, { $set: { state: 'unconfirmed', leaseUntil: null, failure: UNCONFIRMED } });
      return { sent: false, reason: UNCONFIRMED };
    }
  }
  let sent = entry.sent;
  for (; sent < batches.length; sent++) {
    await ChannelOutboxModel.updateOne({ _id: key }, { $set: { state: 'sending', leaseUntil: new Date(Date.now() + LEASE_MS) }, $inc: { attempts: 1 } });
    let ids: string[];
    try {
      ids = template ? await sendTemplate(channel, input.to, template) : await sendBatch(channel, input.to, batches[sent]!, `${key}:${sent}`);
    } catch (err) {
      if (!(err instanceof ChannelSendError)) throw err;
      const noAnswer = err.detail.status === null; // the request may have been taken before the connection broke
      if (err.retryable && !(noAnswer && !idempotentSends(channel.kind))) {
        await ChannelOutboxModel.updateOne({ _id: key }, { $set: { state: 'pending', leaseUntil: null } });
        throw toApplicationFailure(err);
      }
      const state = err.retryable ? 'unconfirmed' : 'failed';
      const failure = err.retryable ? UNCONFIRMED : err.message;
      await ChannelOutboxModel.updateOne({ _id: key }, { $set: { state, leaseUntil: null, failure } });
      return { sent: false, reason: failure };
    }
    await ChannelOutboxModel.updateOne({ _id: key }, { $set: { sent: sent + 1, leaseUntil: null }, $push: { platformMessageIds: { $each: ids } } });
  }
  const done = await ChannelOutboxModel.findOneAndUpdate({ _id: key }, { $set: { state: 'sent', sentAt: new Date(), leaseUntil: null } }, { new: true }).lean<ChannelOutboxDoc>();
  return { sent: true, platformMessageIds: done?.platformMessageIds ?? [] };
}
