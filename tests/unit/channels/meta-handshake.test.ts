import { decideMetaHandshake } from '../../../domain/channels/meta-handshake';
import { secretsEqual } from '../../../services/channels/signatures';

const TOKEN = 'meridian-verify-7c1e';
const decide = (query: Record<string, string | string[] | undefined>) => decideMetaHandshake(query, TOKEN, secretsEqual);

describe("Meta's webhook subscription handshake", () => {
  it('echoes the challenge when Meta subscribes with our verify token', () => {
    expect(decide({ 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '1158201444' })).toEqual({ ok: true, status: 200, challenge: '1158201444' });
  });

  it.each([
    ['a wrong token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' }, 'TOKEN_MISMATCH'],
    ['no token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }, 'TOKEN_MISMATCH'],
    ['another mode', { 'hub.mode': 'unsubscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '1' }, 'NOT_SUBSCRIBE'],
    ['no mode', { 'hub.verify_token': TOKEN, 'hub.challenge': '1' }, 'NOT_SUBSCRIBE'],
    ['a repeated token parameter', { 'hub.mode': 'subscribe', 'hub.verify_token': [TOKEN, TOKEN], 'hub.challenge': '1' }, 'TOKEN_MISMATCH'],
    ['no challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN }, 'NO_CHALLENGE'],
    ['a challenge carrying markup (never reflected)', { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '<script>alert(1)</script>' }, 'NO_CHALLENGE'],
  ])('answers 403 to %s', (_what, query, reason) => {
    expect(decide(query)).toEqual({ ok: false, status: 403, reason });
  });

  it('refuses every token when none is configured', () => {
    expect(decideMetaHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': '', 'hub.challenge': '1' }, '', secretsEqual)).toMatchObject({ ok: false, reason: 'TOKEN_MISMATCH' });
  });
});
