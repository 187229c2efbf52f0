/**
 * Tells mail a person wrote from mail a machine sent: auto-replies (RFC 3834), out-of-office notices, bounces and
 * delivery reports (RFC 3464), mailing lists and bulk mail, and Meridian's own mail coming back. Automatic mail never
 * opens a ticket and is never answered: answering it is how mail loops start.
 */
import { isMeridianMessageId } from '../messages/thread';
import { AUTOMATIC_MAIL_REASONS, type AutomaticMailReason, type MailClassification } from './inbound-email';
import { headerToken, headerValue, type MailHeaders } from './mail-headers';

/** What classification reads: the headers, the From address, and the SMTP envelope sender when known. */
export interface MailToClassify {
  headers: MailHeaders;
  /** The From header's address ('' when it has none). */
  fromAddress: string;
  /** MAIL FROM of the SMTP session: '' is the null sender `<>`; undefined when not received over SMTP (IMAP). */
  envelopeFrom?: string;
}

const PRECEDENCE_AUTOMATIC = ['bulk', 'junk', 'list', 'auto_reply'];
/** Mailboxes of mail systems (RFC 5321 §4.5.1, RFC 2142): whatever they send is a report, never a request. */
const SYSTEM_MAILBOXES = ['mailer-daemon', 'postmaster'];
/** Exchange's X-Auto-Response-Suppress values that mark the mail itself as automatic. */
const SUPPRESS_AUTOMATIC = ['all', 'autoreply'];

function localPart(address: string): string {
  const at = address.lastIndexOf('@');
  return (at < 0 ? address : address.slice(0, at)).trim().toLowerCase();
}

function nullSender(m: MailToClassify): boolean {
  if (m.envelopeFrom !== undefined) return m.envelopeFrom.trim() === '';
  // Not from SMTP: the delivering server wrote the envelope sender into Return-Path.
  return headerValue(m.headers, 'return-path')?.replace(/\s/g, '') === '<>';
}

const IS_AUTOMATIC: Record<AutomaticMailReason, (m: MailToClassify) => boolean> = {
  own_mail: (m) =>
    headerValue(m.headers, 'x-meridian-ticket') !== undefined || isMeridianMessageId(headerValue(m.headers, 'message-id') ?? ''),
  null_sender: nullSender,
  mailer_daemon: (m) => [m.fromAddress, m.envelopeFrom ?? ''].some((a) => SYSTEM_MAILBOXES.includes(localPart(a))),
  delivery_report: (m) => headerToken(headerValue(m.headers, 'content-type')) === 'multipart/report',
  auto_submitted: (m) => {
    const token = headerToken(headerValue(m.headers, 'auto-submitted'));
    return token !== '' && token !== 'no';
  },
  autoreply_header: (m) =>
    headerValue(m.headers, 'x-autoreply') !== undefined ||
    headerValue(m.headers, 'x-autorespond') !== undefined ||
    (headerValue(m.headers, 'x-auto-response-suppress') ?? '')
      .split(',')
      .some((v) => SUPPRESS_AUTOMATIC.includes(v.trim().toLowerCase())),
  mailing_list: (m) => headerValue(m.headers, 'list-id') !== undefined || headerValue(m.headers, 'list-unsubscribe') !== undefined,
  precedence: (m) => PRECEDENCE_AUTOMATIC.includes(headerToken(headerValue(m.headers, 'precedence'))),
};

/** Whether a person wrote this mail, or else the first reason (in AUTOMATIC_MAIL_REASONS order) a machine did. */
export function classifyMail(mail: MailToClassify): MailClassification {
  const reason = AUTOMATIC_MAIL_REASONS.find((r) => IS_AUTOMATIC[r](mail));
  return reason ? { kind: 'automatic', reason } : { kind: 'customer' };
}
