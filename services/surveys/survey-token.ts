/**
 * The per-survey token in a survey link: `<ticketId>.<HMAC>` keyed by a key derived from the server secret, so a
 * link names its ticket and cannot be forged or guessed from another one. Stateless: nothing is stored to check it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey, type Secrets } from '../../config/derived-keys';

const TOKEN = /^(tkt_[A-Za-z0-9_-]{8,40})\.([A-Za-z0-9_-]{32})$/;
export const SURVEY_TOKEN_PATTERN = '^tkt_[A-Za-z0-9_-]{8,40}\\.[A-Za-z0-9_-]{32}$';

function mac(secret: string, ticketId: string): string {
  return createHmac('sha256', deriveKey(secret, 'surveyToken')).update(`survey:${ticketId}`).digest('base64url').slice(0, 32);
}

export function surveyToken(secret: string, ticketId: string): string {
  return `${ticketId}.${mac(secret, ticketId)}`;
}

/** The ticket a token was made for (under the current secret or, while rotating, the previous one), or null. */
export function ticketOfSurveyToken(secrets: Secrets, token: string): string | null {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const [, ticketId, given] = m as unknown as [string, string, string];
  for (const secret of [secrets.secret, secrets.previousSecret]) {
    if (!secret) continue;
    const expected = Buffer.from(mac(secret, ticketId));
    if (timingSafeEqual(expected, Buffer.from(given))) return ticketId;
  }
  return null;
}
