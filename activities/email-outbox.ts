import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { scrubText } from '../config/logger';
import { EmailOutboxModel, type EmailOutboxDoc } from '../models/email-outbox.model';
import { retryOnDuplicateKey } from '../models/mongo-errors';
import type { Mailer, OutgoingMail } from './deps';

/** Longer than one send can take (the SMTP transport's timeouts) and than the delivery activity's 30 s attempts. */
const LEASE_MS = 45_000;

export interface OutboxEntry {
  key: string;
  purpose: string;
  ticketId: string;
  /** The Message-ID to reserve when it must be known in advance (a thread's root); otherwise a fresh one. */
  messageId?: string;
}

/** The mail server refused the message for good (5xx, invalid recipient): retrying cannot help. */
export function isPermanentMailFailure(err: unknown): boolean {
  const { responseCode, code } = (err ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === 'number') return responseCode >= 500 && responseCode < 600;
  return code === 'EENVELOPE'; // no valid recipient, refused before any server answer
}

/** The failure sendOnce throws when the mail server refused a message for good. */
export function isDeliveryRejected(err: unknown): boolean {
  return err instanceof ApplicationFailure && err.type === 'DELIVERY_REJECTED';
}

function rejected(reason: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(reason, 'DELIVERY_REJECTED');
}

function reserve(entry: OutboxEntry): Promise<EmailOutboxDoc | null> {
  return retryOnDuplicateKey(() =>
    EmailOutboxModel.findOneAndUpdate(
      { _id: entry.key },
      {
        $setOnInsert: {
          messageId: entry.messageId ?? `<${randomUUID()}@meridian>`,
          state: 'pending',
          purpose: entry.purpose,
          ticketId: entry.ticketId,
          attempts: 0,
          leaseUntil: null,
          failure: null,
          createdAt: new Date(),
          sentAt: null,
        },
      },
      { upsert: true, new: true },
    ).lean(),
  );
}

/**
 * Sends a mail at most once per business key. The key is reserved (unique `_id`), an attempt takes a lease (so a
 * second attempt — say from the next run after continue-as-new — waits instead of sending alongside it), the mail
 * goes out with the reserved Message-ID, then the key is marked sent; a later attempt finds it sent and does nothing.
 * A permanent refusal is kept as `failed` and reported as DELIVERY_REJECTED. SMTP has no idempotency: a crash after
 * the server accepted the mail and before the mark resends it once, with the same Message-ID, which mail clients and
 * providers treat as one message.
 */
export async function sendOnce(
  mailer: Mailer,
  entry: OutboxEntry,
  build: (messageId: string) => Omit<OutgoingMail, 'messageId'>,
): Promise<{ messageId: string; deduplicated: boolean }> {
  const reserved = await reserve(entry);
  if (!reserved) throw new Error(`outbox reservation failed for ${entry.purpose}`);
  if (reserved.state === 'sent') return { messageId: reserved.messageId, deduplicated: true };
  if (reserved.state === 'failed') throw rejected(reserved.failure ?? 'the mail server refused this message');
  const now = Date.now();
  if (reserved.state === 'sending' && reserved.leaseUntil && reserved.leaseUntil.getTime() > now)
    throw ApplicationFailure.retryable('another attempt is sending this message', 'DELIVERY_IN_PROGRESS');
  await EmailOutboxModel.updateOne({ _id: entry.key }, { $set: { state: 'sending', leaseUntil: new Date(now + LEASE_MS) }, $inc: { attempts: 1 } });
  try {
    await mailer.send({ ...build(reserved.messageId), messageId: reserved.messageId });
  } catch (err) {
    if (!isPermanentMailFailure(err)) {
      await EmailOutboxModel.updateOne({ _id: entry.key }, { $set: { state: 'pending', leaseUntil: null } });
      throw err;
    }
    const failure = scrubText(err instanceof Error ? err.message : String(err)); // SMTP answers quote the address
    await EmailOutboxModel.updateOne({ _id: entry.key }, { $set: { state: 'failed', leaseUntil: null, failure } });
    throw rejected(failure);
  }
  await EmailOutboxModel.updateOne({ _id: entry.key }, { $set: { state: 'sent', sentAt: new Date(), leaseUntil: null } });
  return { messageId: reserved.messageId, deduplicated: false };
}
