/**
 * How each platform signs (or authenticates) a webhook delivery, written from the platforms' docs and independently of
 * services/channels/signatures.ts, so a test cannot pass because both sides share a bug.
 */
import crypto from 'node:crypto';

/** A webhook request as the platform sends it: the exact bytes, and the headers. */
export interface SignedDelivery {
  raw: Buffer;
  headers: Record<string, string>;
}

/**
 * Meta's JSON: non-ASCII characters (and `/`) are escaped as in PHP's json_encode, so re-serialising the parsed body
 * gives other bytes than the ones signed (hookdeck webhook-skills, WhatsApp verification notes).
 */
export function metaJson(value: unknown): Buffer {
  const escaped = JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return Buffer.from(escaped, 'utf8');
}

/** `X-Hub-Signature-256`: `sha256=` + lowercase hex HMAC-SHA256 of the raw body under the app secret. */
export function metaSignature(raw: Buffer, appSecret: string): string {
  const mac = crypto.createHmac('sha256', Buffer.from(appSecret, 'utf8'));
  mac.write(raw);
  mac.end();
  return `sha256=${(mac.read() as Buffer).toString('hex')}`;
}

/** `X-Line-Signature`: base64 HMAC-SHA256 of the raw body under the channel secret. */
export function lineSignature(raw: Buffer, channelSecret: string): string {
  return crypto.createHmac('sha256', channelSecret).update(raw).digest('base64');
}

export function signedMetaDelivery(payload: unknown, appSecret: string): SignedDelivery {
  const raw = metaJson(payload);
  return { raw, headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(raw, appSecret) } };
}

export function signedLineDelivery(payload: unknown, channelSecret: string): SignedDelivery {
  const raw = Buffer.from(JSON.stringify(payload), 'utf8');
  return { raw, headers: { 'content-type': 'application/json; charset=utf-8', 'x-line-signature': lineSignature(raw, channelSecret) } };
}

/** Telegram sends the `secret_token` given to setWebhook back verbatim in a header; there is no body signature. */
export function telegramDelivery(update: unknown, secretToken: string): SignedDelivery {
  const raw = Buffer.from(JSON.stringify(update), 'utf8');
  return { raw, headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secretToken } };
}
