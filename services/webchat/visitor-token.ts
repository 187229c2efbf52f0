/**
 * A web chat visitor's token: `<visitor id>.<issued at, Unix seconds>.<HMAC>` keyed by a key derived from the server
 * secret and bound to the channel and its current site key. The widget keeps it in localStorage and sends it with
 * every request; nothing is stored to check it. A token of another channel, a forged one, one older than 90 days, or
 * one issued before the site key was rotated does not open.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { deriveKey, type Secrets } from '../../config/derived-keys';

const TOKEN = /^(v_[A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;
/** How long a token opens: a visitor who comes back later starts a new session (their tickets stay theirs). */
export const VISITOR_TOKEN_MAX_AGE_MS = 90 * 24 * 3600_000;
/** Clock skew tolerated between API processes for a token issued "in the future". */
const SKEW_MS = 60_000;

/** The channel a token is for, with the site key it is bound to. */
export interface TokenChannel {
  id: string;
  siteKey: string;
}

export type VisitorCheck = { ok: true; visitorId: string } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

/** The MAC as it is written in the token (base64url, 43 characters). */
function mac(secret: string, channel: TokenChannel, visitorId: string, issuedAtS: string): string {
  const message = `webchat-visitor|${channel.id}|${channel.siteKey}|${visitorId}|${issuedAtS}`;
  return createHmac('sha256', deriveKey(secret, 'webchatVisitor')).update(message).digest('base64url');
}

/** A new visitor id: 128 random bits. */
export function newVisitorId(): string {
  return `v_${randomBytes(16).toString('base64url')}`;
}

export function issueVisitorToken(secret: string, channel: TokenChannel, visitorId: string, nowMs: number): string {
  const issuedAtS = String(Math.floor(nowMs / 1000));
  return `${visitorId}.${issuedAtS}.${mac(secret, channel, visitorId, issuedAtS)}`;
}

/** The visitor a token was issued to for this channel (under the current secret or, while rotating, the previous one). */
export function checkVisitorToken(secrets: Secrets, channel: TokenChannel, token: string, nowMs: number): VisitorCheck {
  const m = TOKEN.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const [, visitorId, issuedAtS, given] = m as unknown as [string, string, string, string];
  // Compared as written, not decoded: the last base64url character carries two unused bits, so decoding would accept
  // four spellings of one MAC.
  const givenText = Buffer.from(given);
  const genuine = [secrets.secret, secrets.previousSecret].some((secret) => secret && timingSafeEqual(Buffer.from(mac(secret, channel, visitorId, issuedAtS)), givenText));
  if (!genuine) return { ok: false, reason: 'forged' };
  const issuedAtMs = Number(issuedAtS) * 1000;
  if (issuedAtMs > nowMs + SKEW_MS || nowMs - issuedAtMs > VISITOR_TOKEN_MAX_AGE_MS) return { ok: false, reason: 'expired' };
  return { ok: true, visitorId };
}
