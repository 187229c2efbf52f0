/**
 * One inbound mail from raw bytes to the hand-off, the same for SMTP and IMAP: parse it within the limits, refuse it
 * whole or hand it to `onMail`, and log the outcome by reason and hash only (never an address, subject or body).
 */
import { loggableError, type Logger } from '../../config/logger';
import type { InboundEmail } from '../../domain/email/inbound-email';
import { parseInboundMail, type AttachmentContent, type InboundMailLimits, type MailEnvelope, type MailRejection } from './parse-mail';

/** Stores one accepted mail (raw bytes and kept attachment contents beside it); rejecting means "not stored, retry". */
export type InboundMailHandler = (mail: InboundEmail, raw: Buffer, attachments: AttachmentContent[]) => Promise<void>;

/** accepted: onMail stored it · refused: never take it (permanent) · failed: onMail threw, take it again later. */
export type ReceiveOutcome = { outcome: 'accepted' } | { outcome: 'refused'; reason: MailRejection } | { outcome: 'failed' };

/** Logs a refusal by reason and the message's hash: enough to find it in the sender's logs, nothing personal. */
export function logRefusal(logger: Logger, reason: MailRejection, sha256: string, bytes: number): ReceiveOutcome {
  logger.warn({ reason, sha256, bytes }, 'inbound mail refused');
  return { outcome: 'refused', reason };
}

/** Parses one raw mail and hands it to `onMail`; says whether it was stored, refused, or is to be tried again. */
export async function receiveInboundMail(
  raw: Buffer,
  sha256: string,
  context: { limits: InboundMailLimits; receivedAtMs: number; envelope?: MailEnvelope; onMail: InboundMailHandler; logger: Logger },
): Promise<ReceiveOutcome> {
  const { logger } = context;
  const parsed = await parseInboundMail(raw, context);
  if (!parsed.ok) return logRefusal(logger, parsed.reason, sha256, raw.length);
  const { classification, attachments } = parsed.email;
  try {
    await context.onMail(parsed.email, raw, parsed.contents);
  } catch (err) {
    logger.error({ sha256, err: loggableError(err) }, 'inbound mail not stored, to be taken again');
    return { outcome: 'failed' };
  }
  const skipped = attachments.filter((a) => a.skipped).length;
  logger.info({ sha256, bytes: raw.length, classification, attachments: attachments.length, skipped }, 'inbound mail accepted');
  return { outcome: 'accepted' };
}
