import { verifyLineSignature, verifyMetaSignature, verifyTelegramSecret, secretsEqual } from '../../../services/channels/signatures';
import { lineSignature, metaSignature, signedLineDelivery, signedMetaDelivery, telegramDelivery } from '../../support/fake-channels/signing';
import { whatsAppText } from '../../support/fake-channels/meta-deliveries';
import { lineDelivery, lineMessageEvent } from '../../support/fake-channels/telegram-line-deliveries';

const APP_SECRET = 'meta-app-secret-3f9a1c';
const LINE_SECRET = 'line-channel-secret-8d2e';
const TG_SECRET = 'tg_Secret-token_01';

/** Flips one hex or base64 character in the middle of a signature, keeping its length. */
const flip = (s: string) => {
  const i = Math.floor(s.length / 2);
  return `${s.slice(0, i)}${s[i] === 'a' ? 'b' : 'a'}${s.slice(i + 1)}`;
};

describe('Meta X-Hub-Signature-256 (WhatsApp, Messenger, Instagram)', () => {
  const delivery = signedMetaDelivery(whatsAppText({ waId: '60173526233', name: 'Lê Thị Hồng' }, 'wamid.A1', 1694427240, 'Xin chào 👋 / مرحبا'), APP_SECRET);
  const signature = delivery.headers['x-hub-signature-256']!;

  it('accepts a delivery signed with the app secret over its raw bytes', () => {
    expect(verifyMetaSignature(delivery.raw, signature, APP_SECRET)).toEqual({ ok: true });
  });

  it('refuses the same payload re-serialised (Meta escapes non-ASCII in the bytes it signs)', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(delivery.raw.toString('utf8'))), 'utf8');
    expect(reserialised.equals(delivery.raw)).toBe(false);
    expect(verifyMetaSignature(reserialised, signature, APP_SECRET)).toEqual({ ok: false, reason: 'forged' });
  });

  it.each([
    ['a flipped digit', flip(signature)],
    ['another secret', metaSignature(delivery.raw, 'someone-elses-secret')],
    ['a truncated digest', signature.slice(0, -2)],
    ['a longer digest', `${signature}00`],
    ['the SHA-1 header format', `sha1=${'0'.repeat(40)}`],
    ['no sha256= prefix', signature.slice('sha256='.length)],
    ['non-hex characters', `sha256=${'z'.repeat(64)}`],
  ])('refuses %s as forged', (_what, header) => {
    expect(verifyMetaSignature(delivery.raw, header, APP_SECRET)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a tampered body', () => {
    const tampered = Buffer.from(delivery.raw.toString('utf8').replace('wamid.A1', 'wamid.A2'), 'utf8');
    expect(verifyMetaSignature(tampered, signature, APP_SECRET)).toEqual({ ok: false, reason: 'forged' });
  });

  it('tells a missing header from a forged one, and treats a repeated header as forged', () => {
    expect(verifyMetaSignature(delivery.raw, undefined, APP_SECRET)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyMetaSignature(delivery.raw, '', APP_SECRET)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyMetaSignature(delivery.raw, [signature, signature], APP_SECRET)).toEqual({ ok: false, reason: 'forged' });
  });

  it('accepts nothing when no app secret is configured', () => {
    expect(verifyMetaSignature(delivery.raw, metaSignature(delivery.raw, ''), '')).toEqual({ ok: false, reason: 'forged' });
  });
});

describe('LINE X-Line-Signature', () => {
  const event = lineMessageEvent({ userId: 'U4af4980629', timestampMs: 1692251666727, webhookEventId: '01H810YECXQQZ37VAXPF6H9E6T' }, { type: 'text', id: '468789577898262530', text: 'สวัสดีครับ 🙏' });
  const delivery = signedLineDelivery(lineDelivery([event]), LINE_SECRET);
  const signature = delivery.headers['x-line-signature']!;

  it('accepts a delivery signed with the channel secret', () => {
    expect(verifyLineSignature(delivery.raw, signature, LINE_SECRET)).toEqual({ ok: true });
  });

  it.each([
    ['a flipped character', flip(signature)],
    ['another secret', lineSignature(delivery.raw, 'other-channel-secret')],
    ['a truncated signature', signature.slice(0, 20)],
    ['a hex digest instead of base64', metaSignature(delivery.raw, LINE_SECRET).slice(7)],
  ])('refuses %s as forged', (_what, header) => {
    expect(verifyLineSignature(delivery.raw, header, LINE_SECRET)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a body changed after signing, and reports a missing header', () => {
    const tampered = Buffer.concat([delivery.raw, Buffer.from(' ')]);
    expect(verifyLineSignature(tampered, signature, LINE_SECRET)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyLineSignature(delivery.raw, undefined, LINE_SECRET)).toEqual({ ok: false, reason: 'missing' });
  });
});

describe('Telegram X-Telegram-Bot-Api-Secret-Token', () => {
  const { headers } = telegramDelivery({ update_id: 1 }, TG_SECRET);

  it('accepts the secret token given to setWebhook', () => {
    expect(verifyTelegramSecret(headers['x-telegram-bot-api-secret-token'], TG_SECRET)).toEqual({ ok: true });
  });

  it.each([
    ['another token of the same length', 'tg_Secret-token_02'],
    ['a prefix of the token', 'tg_Secret'],
    ['the token with a suffix', `${TG_SECRET}x`],
  ])('refuses %s', (_what, header) => {
    expect(verifyTelegramSecret(header, TG_SECRET)).toEqual({ ok: false, reason: 'forged' });
  });

  it('reports a missing header, and accepts nothing when no secret is configured', () => {
    expect(verifyTelegramSecret(undefined, TG_SECRET)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyTelegramSecret('anything', '')).toEqual({ ok: false, reason: 'forged' });
  });
});

describe('constant-time secret comparison', () => {
  it('compares strings of any lengths without throwing', () => {
    expect(secretsEqual('verify-me', 'verify-me')).toBe(true);
    expect(secretsEqual('verify-me', 'verify-me-longer')).toBe(false);
    expect(secretsEqual('', 'x')).toBe(false);
  });
});
