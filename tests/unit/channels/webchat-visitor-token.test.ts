import { checkVisitorToken, issueVisitorToken, newVisitorId, VISITOR_TOKEN_MAX_AGE_MS } from '../../../services/webchat/visitor-token';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const PREVIOUS = 'the-previous-secret-of-at-least-thirty-two-chars';
const CHANNEL = { id: 'chat-shop', siteKey: `wk_${'s'.repeat(32)}` };
const NOW = Date.parse('2026-03-01T10:00:00Z');

describe('web chat visitor tokens', () => {
  const visitorId = newVisitorId();
  const token = issueVisitorToken(SECRET, CHANNEL, visitorId, NOW);

  it('names the visitor it was issued to, for its channel, for 90 days', () => {
    expect(visitorId).toMatch(/^v_[A-Za-z0-9_-]{22}$/);
    expect(checkVisitorToken({ secret: SECRET }, CHANNEL, token, NOW + 3600_000)).toEqual({ ok: true, visitorId });
    expect(checkVisitorToken({ secret: SECRET }, CHANNEL, token, NOW + VISITOR_TOKEN_MAX_AGE_MS + 1000)).toEqual({ ok: false, reason: 'expired' });
  });

  it.each([
    ['another channel', { secret: SECRET }, { ...CHANNEL, id: 'chat-other' }],
    ['a rotated site key', { secret: SECRET }, { ...CHANNEL, siteKey: `wk_${'t'.repeat(32)}` }],
    ['another server secret', { secret: PREVIOUS }, CHANNEL],
  ])('does not open for %s', (_what, secrets, channel) => {
    expect(checkVisitorToken(secrets, channel, token, NOW)).toEqual({ ok: false, reason: 'forged' });
  });

  it('still opens under the previous secret while it is being rotated', () => {
    const old = issueVisitorToken(PREVIOUS, CHANNEL, visitorId, NOW);
    expect(checkVisitorToken({ secret: SECRET, previousSecret: PREVIOUS }, CHANNEL, old, NOW)).toEqual({ ok: true, visitorId });
  });

  it('refuses what is not a token, and a token from the future', () => {
    expect(checkVisitorToken({ secret: SECRET }, CHANNEL, 'mrd_an-api-key', NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkVisitorToken({ secret: SECRET }, CHANNEL, issueVisitorToken(SECRET, CHANNEL, visitorId, NOW + 3600_000), NOW)).toEqual({ ok: false, reason: 'expired' });
  });
});
