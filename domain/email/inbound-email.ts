import type { MailAuthentication } from './mail-authentication';

/**
 * An e-mail as Meridian received it, normalised for the hand-off to tickets: who wrote, what they wrote (quoted
 * history and signature stripped), which ticket it continues, what it carried, and whether a person sent it at all.
 * Plain data only: it crosses into Temporal as it is.
 */
import type { MediaOrigin, MediaSkipReason } from '../channels/media-policy';

/** Why a mail is automatic: such mail is stored, never opens a ticket and is never answered (loops, RFC 3834). */
export const AUTOMATIC_MAIL_REASONS = [
  'own_mail',
  'null_sender',
  'mailer_daemon',
  'delivery_report',
  'auto_submitted',
  'autoreply_header',
  'mailing_list',
  'precedence',
] as const;
export type AutomaticMailReason = (typeof AUTOMATIC_MAIL_REASONS)[number];

/** Written by a person (open or continue a ticket) or by a machine (store it, answer nothing). */
export type MailClassification = { kind: 'customer' } | { kind: 'automatic'; reason: AutomaticMailReason };

/** Why an attachment was listed but its content not kept (a channel medium's reasons: domain/channels/media-policy.ts). */
export type SkippedAttachmentReason = 'too_large' | 'too_many' | MediaSkipReason;

/** One attachment as the ticket lists it; the content travels beside the mail (only when not skipped). */
export interface InboundAttachment {
  filename: string;
  contentType: string;
  /** Decoded size in bytes. */
  size: number;
  /** Hex SHA-256 of the decoded content: the key its stored content is found by. */
  sha256: string;
  /** An image the HTML shows inline (a logo in a signature, a pasted screenshot). */
  inline: boolean;
  skipped?: SkippedAttachmentReason;
  /** A channel medium (WhatsApp, Telegram, LINE, Messenger, Instagram): its kind and the customer's caption. */
  mediaType?: MediaOrigin['mediaType'];
  caption?: string;
}

/** The normalised inbound e-mail handed on to ticket intake. */
export interface InboundEmail {
  /** The Message-ID header, or `sha256:<hex>` of the raw message when the mail has none (the dedup key either way). */
  messageId: string;
  /** `address` lower-cased; `name` as displayed, '' when none. */
  from: { address: string; name: string };
  /** Addresses of the To header (lower-cased), or the SMTP recipients when the mail has no To (Bcc). */
  to: string[];
  subject: string;
  /** What the person wrote: plain text (from the HTML when there is no text part), quoted history and signature removed. */
  text: string;
  /** The HTML part as sent: NOT sanitised, never render it without sanitising. */
  html?: string;
  receivedAtMs: number;
  /** The ticket this mail answers, from In-Reply-To/References naming a ticket's thread root. */
  threadTicketId?: string;
  /** The query code in the subject, when no thread header names a ticket. */
  threadQueryCode?: string;
  attachments: InboundAttachment[];
  classification: MailClassification;
  /** International phone numbers the sender wrote (a signature's), E.164: hints for staff, never identities by themselves. */
  phones?: string[];
  /** SPF/DKIM/DMARC verdicts; absent when the mail was not checked (never counted as authenticated then). */
  authentication?: MailAuthentication;
}
