/**
 * Meta's webhook verification (WhatsApp, Messenger, Instagram): a GET with `hub.mode=subscribe`, `hub.verify_token`
 * and `hub.challenge`. Answer 200 with the challenge as plain text when the token is ours, else 403.
 */

export type HandshakeDecision =
  | { ok: true; status: 200; challenge: string }
  | { ok: false; status: 403; reason: 'NOT_SUBSCRIBE' | 'TOKEN_MISMATCH' | 'NO_CHALLENGE' };

type QueryValue = string | string[] | undefined;

const single = (v: QueryValue): string | undefined => (Array.isArray(v) ? undefined : v);

/**
 * Decides Meta's subscription handshake from the query string (express's parsed `req.query`). A repeated parameter
 * is refused rather than guessed at. The token is compared in constant time by the caller-supplied `tokensEqual`
 * (services/channels/signatures.ts `secretsEqual`), keeping this module free of node:crypto.
 */
export function decideMetaHandshake(
  query: Record<string, QueryValue>,
  verifyToken: string,
  tokensEqual: (a: string, b: string) => boolean,
): HandshakeDecision {
  if (single(query['hub.mode']) !== 'subscribe') return { ok: false, status: 403, reason: 'NOT_SUBSCRIBE' };
  const token = single(query['hub.verify_token']);
  if (token === undefined || !verifyToken || !tokensEqual(token, verifyToken)) return { ok: false, status: 403, reason: 'TOKEN_MISMATCH' };
  const challenge = single(query['hub.challenge']);
  // The challenge is echoed as text/plain: accept only what Meta sends (digits), so nothing else is reflected.
  if (!challenge || !/^[0-9A-Za-z_-]{1,128}$/.test(challenge)) return { ok: false, status: 403, reason: 'NO_CHALLENGE' };
  return { ok: true, status: 200, challenge };
}
