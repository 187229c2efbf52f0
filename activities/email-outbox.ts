import { randomUUID } from 'node:crypto';
import { EmailOutboxModel } from '../models/email-outbox.model';
import { retryOnDuplicateKey } from '../models/mongo-errors';
import type { Mailer, OutgoingMail } from './deps';

export interface OutboxEntry {
  key: string;
  purpose: string;
  ticketId: string;
}

/**
 * Sends a mail at most once per business key. The key is reserved first (unique `_id`), the mail is sent with
 * the reserved Message-ID, then marked sent; a retry after "sent" does nothing. A crash between the SMTP
 * accept and the mark can still resend once, with the same Message-ID so mail clients thread it as one.
 */
export async function sendOnce(
  mailer: Mailer,
  entry: OutboxEntry,
  build: (messageId: string) => Omit<OutgoingMail, 'messageId'>,
): Promise<{ messageId: string; deduplicated: boolean }> {
  const reserved = await retryOnDuplicateKey(() =>
    EmailOutboxModel.findOneAndUpdate(
      { _id: entry.key },
      {
        $setOnInsert: {
          messageId: `<${randomUUID()}@meridian>`,
          state: 'pending',
          purpose: entry.purpose,
          ticketId: entry.ticketId,
          createdAt: new Date(),
          sentAt: null,
        },
      },
      { upsert: true, new: true },
    ).lean(),
  );
  if (!reserved) throw new Error(`outbox reservation failed for ${entry.purpose}`);
  if (reserved.state === 'sent') return { messageId: reserved.messageId, deduplicated: true };
  await mailer.send({ ...build(reserved.messageId), messageId: reserved.messageId });
  await EmailOutboxModel.updateOne({ _id: entry.key }, { $set: { state: 'sent', sentAt: new Date() } });
  return { messageId: reserved.messageId, deduplicated: false };
}
