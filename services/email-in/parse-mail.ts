/**
 * Raw RFC 5322 bytes → InboundEmail (mailparser), within limits: the whole message, each attachment, the number of
 * attachments. A mail Meridian cannot take (too large, no sender to answer, not a parsable message) is refused whole:
 * the caller stores nothing of it. Attachments over the limits are listed on the mail but their content is not kept.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import { classifyMail } from '../../domain/email/classify-mail';
import type { InboundAttachment, InboundEmail } from '../../domain/email/inbound-email';
import { headerValue, mailHeadersFromLines, type MailHeaders } from '../../domain/email/mail-headers';
import { threadKey } from '../../domain/email/thread-key';
import { phonesInText } from '../../domain/customers/normalise';
import { visibleReplyText } from './reply-text';

const MB = 1024 * 1024;
/** Limits an inbound mail is held to (config: INBOUND_EMAIL_*; README "E-mail in"). */
export interface InboundMailLimits {
  maxMessageBytes: number;
  maxAttachmentBytes: number;
  maxAttachments: number;
}
export const DEFAULT_INBOUND_MAIL_LIMITS: InboundMailLimits = { maxMessageBytes: 25 * MB, maxAttachmentBytes: 10 * MB, maxAttachments: 20 };

/** Why a mail is refused whole; each has its SMTP answer in api/email/smtp-listener.ts. */
export type MailRejection = 'too_large' | 'no_from' | 'unparsable_from' | 'unparsable' | 'dmarc_reject';

/** The content of a kept attachment, by the sha256 its InboundAttachment lists. */
export interface AttachmentContent {
  sha256: string;
  content: Buffer;
}

export type ParsedInboundMail = { ok: true; email: InboundEmail; contents: AttachmentContent[] } | { ok: false; reason: MailRejection };

/** The SMTP envelope, when the mail came over SMTP: `from` '' is the null sender `<>`. */
export interface MailEnvelope {
  from: string;
  to: string[];
}

/** The hex SHA-256 of a raw message: how a refused mail is named in logs, and the Message-ID of a mail without one. */
export function rawMailHash(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}

const ADDRESS = /^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+$/;
const MAX_HEADER_TEXT = 998; // RFC 5322 line limit: longer subjects and ids are cut, not refused

function fromOf(parsed: ParsedMail, headers: MailHeaders): { address: string; name: string } | MailRejection {
  if (headerValue(headers, 'from') === undefined) return 'no_from';
  const first = parsed.from?.value.find((entry) => entry.address !== undefined && entry.address !== '');
  const address = first?.address?.trim().toLowerCase() ?? '';
  if (!ADDRESS.test(address)) return 'unparsable_from';
  return { address, name: (first?.name ?? '').trim().slice(0, MAX_HEADER_TEXT) };
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const entries = (Array.isArray(field) ? field : field ? [field] : []).flatMap((o) => o.value);
  const flat = entries.flatMap((e) => (e.group ? e.group : [e]));
  return flat.map((e) => e.address?.trim().toLowerCase() ?? '').filter((a) => ADDRESS.test(a));
}

function safeFilename(name: string | undefined, index: number): string {
  // No path separators or control characters: whoever writes the file later must not be steered by the sender.
  const cleaned = [...(name ?? '')].map((c) => (c < ' ' || c === '\u007f' || c === '/' || c === '\\' ? '_' : c)).join('').trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? `attachment-${index + 1}` : cleaned.slice(-255);
}

function attachmentsOf(parsed: ParsedMail, limits: InboundMailLimits): { listed: InboundAttachment[]; contents: AttachmentContent[] } {
  const contents = new Map<string, Buffer>();
  const listed = parsed.attachments.map((a: Attachment, i): InboundAttachment => {
    const entry = { filename: safeFilename(a.filename, i), contentType: a.contentType, size: a.size, sha256: a.checksum, inline: a.related === true || a.contentDisposition === 'inline' };
    if (i >= limits.maxAttachments) return { ...entry, skipped: 'too_many' };
    if (a.size > limits.maxAttachmentBytes) return { ...entry, skipped: 'too_large' };
    contents.set(a.checksum, a.content);
    return entry;
  });
  return { listed, contents: [...contents].map(([sha256, content]) => ({ sha256, content })) };
}

async function parse(raw: Buffer): Promise<ParsedMail | null> {
  try {
    // sha256 checksums name attachments; no HTML is made from text (the text is what is kept).
    return await simpleParser(raw, { checksumAlgo: 'sha256', skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true, maxHtmlLengthToParse: 5 * MB });
  } catch {
    return null; // past mailparser's own limits (1 MB of headers, 1,000 parts): not a mail we can take
  }
}

/** Parses one raw inbound mail into the InboundEmail handed to tickets, or says why it is refused whole. */
export async function parseInboundMail(
  raw: Buffer,
  options: { limits: InboundMailLimits; receivedAtMs: number; envelope?: MailEnvelope },
): Promise<ParsedInboundMail> {
  if (raw.length > options.limits.maxMessageBytes) return { ok: false, reason: 'too_large' };
  const parsed = await parse(raw);
  if (!parsed) return { ok: false, reason: 'unparsable' };
  const headers = mailHeadersFromLines(parsed.headerLines.map((h) => h.line));
  const from = fromOf(parsed, headers);
  if (typeof from === 'string') return { ok: false, reason: from };
  const subject = (parsed.subject ?? '').slice(0, MAX_HEADER_TEXT);
  const thread = threadKey({ inReplyTo: headerValue(headers, 'in-reply-to'), references: (headers.references ?? []).join(' '), subject });
  const headerTo = addressesOf(parsed.to);
  const { listed, contents } = attachmentsOf(parsed, options.limits);
  const email: InboundEmail = {
    messageId: parsed.messageId?.trim().slice(0, MAX_HEADER_TEXT) || `sha256:${rawMailHash(raw)}`,
    from,
    to: headerTo.length > 0 ? headerTo : (options.envelope?.to ?? []).map((a) => a.toLowerCase()),
    subject,
    text: visibleReplyText(parsed.text ?? ''),
    phones: phonesInText(parsed.text ?? ''),
    ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
    receivedAtMs: options.receivedAtMs,
    ...(thread.kind === 'ticket' ? { threadTicketId: thread.ticketId } : {}),
    ...(thread.kind === 'query_code' ? { threadQueryCode: thread.queryCode } : {}),
    attachments: listed,
    classification: classifyMail({ headers, fromAddress: from.address, envelopeFrom: options.envelope?.from }),
  };
  return { ok: true, email, contents };
}
