/**
 * One inbound mail from raw bytes to the hand-off, the same for SMTP and IMAP: parse it within the limits, check who
 * sent it (SPF, DKIM, DMARC), refuse it whole or hand it to `onMail`, and log the outcome by reason, hash and verdict
 * only (never an address, domain, subject or body).
 */
import { loggableError, type Logger } from '../../config/logger';
import { authenticationAction, type AuthenticationAction, type MailAuthentication } from '../../domain/email/mail-authentication';
import type { InboundEmail } from '../../domain/email/inbound-email';
import type { MailAuthenticator, MailSessionFacts } from '../email-auth/authenticate-mail';
import { parseInboundMail, type AttachmentContent, type InboundMailLimits, type MailEnvelope, type MailRejection } from './parse-mail';

/** Stores one accepted mail (raw bytes and kept attachment contents beside it); rejecting means "not stored, retry". */
export type InboundMailHandler = (mail: InboundEmail, raw: Buffer, attachments: AttachmentContent[]) => Promise<void>;

/** accepted: onMail stored it · refused: never take it (permanent) · failed: not stored, take it again later. */
export type ReceiveOutcome = { outcome: 'accepted' } | { outcome: 'refused'; reason: MailRejection } | { outcome: 'failed' };

export interface ReceiveContext {
  limits: InboundMailLimits;
  receivedAtMs: number;
  envelope?: MailEnvelope;
  onMail: InboundMailHandler;
  logger: Logger;
  /** Checks SPF/DKIM/DMARC; unset: nothing is checked and the mail carries no verdict (never counted as authenticated). */
  authenticator?: MailAuthenticator;
  /** The SMTP session's facts; set only when the sender is still on the line (so a refusal reaches it). */
  session?: MailSessionFacts;
}

/** Logs a refusal by reason and the message's hash: enough to find it in the sender's logs, nothing personal. */
export function logRefusal(logger: Logger, reason: MailRejection, sha256: string, bytes: number): ReceiveOutcome {
  logger.warn({ reason, sha256, bytes }, 'inbound mail refused');
  return { outcome: 'refused', reason };
}

/** The verdicts without the From domain (part of an address): what logs may say. */
function loggable(a: MailAuthentication | undefined) {
  return a ? { spf: a.spf, dkim: a.dkim, dmarc: a.dmarc, dmarcPolicy: a.dmarcPolicy, aligned: a.aligned, spoofSuspected: a.spoofSuspected } : null;
}

async function checkSender(email: InboundEmail, raw: Buffer, context: ReceiveContext, sha256: string): Promise<{ action: AuthenticationAction; authentication?: MailAuthentication }> {
  if (!context.authenticator) return { action: 'accept' };
  const fromDomain = email.from.address.slice(email.from.address.lastIndexOf('@') + 1);
  try {
    const authentication = await context.authenticator(raw, fromDomain, context.session ?? {});
    return { action: authenticationAction(authentication, context.session !== undefined), authentication };
  } catch (err) {
    context.logger.error({ sha256, err: loggableError(err) }, 'inbound mail authentication failed, to be taken again');
    return { action: 'defer' };
  }
}

/** Parses one raw mail, checks its sender and hands it to `onMail`; says whether it was stored, refused, or is to be tried again. */
export async function receiveInboundMail(raw: Buffer, sha256: string, context: ReceiveContext): Promise<ReceiveOutcome> {
  const { logger } = context;
  const parsed = await parseInboundMail(raw, context);
  if (!parsed.ok) return logRefusal(logger, parsed.reason, sha256, raw.length);
  const { action, authentication } = await checkSender(parsed.email, raw, context, sha256);
  if (action === 'refuse') {
    logger.warn({ reason: 'dmarc_reject', sha256, bytes: raw.length, authentication: loggable(authentication) }, 'inbound mail refused');
    return { outcome: 'refused', reason: 'dmarc_reject' };
  }
  if (action === 'defer') {
    logger.warn({ reason: 'authentication_unfinished', sha256, authentication: loggable(authentication) }, 'inbound mail deferred, to be taken again');
    return { outcome: 'failed' };
  }
  const email: InboundEmail = authentication ? { ...parsed.email, authentication } : parsed.email;
  const { classification, attachments } = email;
  try {
    await context.onMail(email, raw, parsed.contents);
  } catch (err) {
    logger.error({ sha256, err: loggableError(err) }, 'inbound mail not stored, to be taken again');
    return { outcome: 'failed' };
  }
  const skipped = attachments.filter((a) => a.skipped).length;
  logger.info({ sha256, bytes: raw.length, classification, attachments: attachments.length, skipped, authentication: loggable(authentication) }, 'inbound mail accepted');
  return { outcome: 'accepted' };
}
