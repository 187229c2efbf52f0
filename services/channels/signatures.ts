/**
 * Webhook authenticity, checked over the RAW body bytes (re-serialised JSON does not match: Meta escapes non-ASCII
 * in what it signs). Meta: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>`; LINE:
 * `X-Line-Signature: <base64 HMAC-SHA256(channel secret, body)>`; Telegram: `X-Telegram-Bot-Api-Secret-Token`
 * equal to the secret given to setWebhook (no HMAC). Every comparison is constant-time over equal lengths.
 *
 * Lives in services/ (not domain/): it needs node:crypto, which the workflow bundle cannot hold.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** `missing`: no (or an empty) header; `forged`: present but not what the secret gives (wrong length included). */
export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'forged' };

type Header = string | string[] | undefined;

const MISSING: SignatureCheck = { ok: false, reason: 'missing' };
const FORGED: SignatureCheck = { ok: false, reason: 'forged' };

/** One header value; a repeated header (an array) is treated as forged, never as "the first one". */
function headerValue(header: Header): string | null | undefined {
  if (Array.isArray(header)) return header.length ? null : undefined;
  return header === undefined || header === '' ? undefined : header;
}

function bytesEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b); // timingSafeEqual throws on different lengths
}

/** Constant-time equality of two strings of any lengths (both hashed first, so lengths leak nothing either). */
export function secretsEqual(a: string, b: string): boolean {
  return bytesEqual(createHash('sha256').update(a, 'utf8').digest(), createHash('sha256').update(b, 'utf8').digest());
}

/** Checks Meta's `X-Hub-Signature-256` (WhatsApp, Messenger, Instagram) with the app secret. */
export function verifyMetaSignature(rawBody: Uint8Array, header: Header, appSecret: string): SignatureCheck {
  const value = headerValue(header);
  if (value === undefined) return MISSING;
  const match = value === null ? null : /^sha256=([0-9a-fA-F]{64})$/.exec(value);
  if (!match || !appSecret) return FORGED;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return bytesEqual(Buffer.from(match[1]!, 'hex'), expected) ? { ok: true } : FORGED;
}

/** Checks LINE's `X-Line-Signature` with the channel secret. */
export function verifyLineSignature(rawBody: Uint8Array, header: Header, channelSecret: string): SignatureCheck {
  const value = headerValue(header);
  if (value === undefined) return MISSING;
  if (value === null || !/^[A-Za-z0-9+/]{43}=$/.test(value) || !channelSecret) return FORGED; // 32 bytes in base64
  const expected = createHmac('sha256', channelSecret).update(rawBody).digest();
  return bytesEqual(Buffer.from(value, 'base64'), expected) ? { ok: true } : FORGED;
}

/** Checks Telegram's `X-Telegram-Bot-Api-Secret-Token` against the webhook's secret token. */
export function verifyTelegramSecret(header: Header, secretToken: string): SignatureCheck {
  const value = headerValue(header);
  if (value === undefined) return MISSING;
  if (value === null || !secretToken) return FORGED;
  return bytesEqual(Buffer.from(value, 'utf8'), Buffer.from(secretToken, 'utf8')) ? { ok: true } : FORGED;
}
