/**
 * E-mail in, after the listener (or the IMAP poller) parsed a mail: its attachments stored once by content, the mail
 * stored once per Message-ID (the sender's retry, or IMAP's after a crash, finds it and adds nothing), then handed to
 * the sender's conversation like a channel message. Mail a machine wrote (auto-replies, bounces, lists, our own) is
 * stored as ignored: it never opens or continues a ticket, and nothing answers it. Mail whose From domain's DMARC fails
 * is stored as held, the same way.
 */
import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import type { Logger } from '../../config/logger';
import type { InboundEmail } from '../../domain/email/inbound-email';
import { InboundAttachmentModel } from '../../models/inbound-attachment.model';
import type { InboundMessageDoc } from '../../models/inbound-message.model';
import { isDuplicateKeyError } from '../../models/mongo-errors';
import type { AttachmentContent } from '../email-in/parse-mail';
import { handOffInbound } from './hand-off';
import { insertInboundOnce, type StoredInbound } from './store-inbound';

/** E-mail's conversations and stored ids live under this channel id. */
export const EMAIL_CHANNEL_ID = 'email';

async function storeAttachments(mail: InboundEmail, contents: AttachmentContent[]): Promise<void> {
  for (const c of contents) {
    const meta = mail.attachments.find((a) => a.sha256 === c.sha256);
    try {
      await InboundAttachmentModel.create({ _id: c.sha256, contentType: meta?.contentType ?? 'application/octet-stream', size: c.content.length, data: c.content, createdAt: new Date() });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err; // the same content, stored already
    }
  }
}

/** Stores a parsed mail once; whether this call stored it, and its status. */
export async function storeInboundEmail(mail: InboundEmail, contents: AttachmentContent[], now: Date): Promise<StoredInbound> {
  await storeAttachments(mail, contents); // first: a stored mail never lists content that is missing
  const id = `${EMAIL_CHANNEL_ID}:${mail.messageId}`;
  // A forged From (DMARC fails) is kept for a person, never routed on its From nor answered (no backscatter).
  const status = mail.authentication?.spoofSuspected ? 'held' : mail.classification.kind === 'automatic' ? 'ignored' : 'received';
  const doc: InboundMessageDoc = {
    _id: id,
    channelId: EMAIL_CHANNEL_ID,
    kind: 'email',
    platformMessageId: mail.messageId,
    from: { platformUserId: mail.from.address, ...(mail.from.name ? { name: mail.from.name } : {}) },
    text: mail.text,
    subject: mail.subject,
    ...(mail.threadTicketId ? { threadTicketId: mail.threadTicketId } : {}),
    ...(mail.threadQueryCode ? { threadQueryCode: mail.threadQueryCode } : {}),
    attachments: mail.attachments,
    classification: mail.classification,
    ...(mail.phones?.length ? { phones: mail.phones } : {}),
    ...(mail.authentication ? { authentication: mail.authentication } : {}),
    sentAt: new Date(mail.receivedAtMs),
    receivedAt: now,
    status,
  };
  return insertInboundOnce(doc);
}

/** The listener's and the poller's `onMail`: store, then hand a person's mail to its conversation. */
export function emailIntake(deps: { temporal: Client; config: Pick<Config, 'temporal'>; logger: Logger }) {
  return async (mail: InboundEmail, _raw: Buffer, contents: AttachmentContent[]): Promise<void> => {
    const stored = await storeInboundEmail(mail, contents, new Date());
    if (stored.status === 'held' && stored.stored) deps.logger.warn({ inboundId: stored.id, dmarc: mail.authentication?.dmarc }, 'e-mail held: its From domain does not vouch for it');
    if (stored.status === 'ignored' && stored.stored) deps.logger.info({ reason: mail.classification.kind === 'automatic' ? mail.classification.reason : null }, 'automatic mail stored, not answered');
    if (stored.status === 'received') await handOffInbound(deps.temporal, deps.config, { id: stored.id, channelId: EMAIL_CHANNEL_ID, platformUserId: mail.from.address });
  };
}
