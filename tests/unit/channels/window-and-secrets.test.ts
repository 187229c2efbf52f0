import { decryptSecret, encryptSecret, SecretBoxError } from '../../../services/channels/secret-box';
import { WHATSAPP_SERVICE_WINDOW_MS, whatsAppWindow } from '../../../domain/channels/whatsapp-window';

const HOUR = 60 * 60 * 1000;
const LAST = Date.UTC(2026, 2, 29, 0, 30); // the night Europe/Berlin moves to summer time: irrelevant, the window is 24 h of real time

describe("WhatsApp's 24-hour customer-service window", () => {
  it.each([
    ['right after the customer wrote', 0, true],
    ['23 h 59 min later', 24 * HOUR - 60_000, true],
    ['exactly 24 h later', 24 * HOUR, false],
    ['a week later', 7 * 24 * HOUR, false],
  ])('%s: free text allowed = %s', (_when, elapsed, open) => {
    const window = whatsAppWindow(LAST, LAST + elapsed);
    expect(window.freeTextAllowed).toBe(open);
    expect(window.state).toBe(open ? 'open' : 'closed');
  });

  it('says when the window closes, and requires a template for a customer who never wrote', () => {
    expect(whatsAppWindow(LAST, LAST + HOUR)).toEqual({ state: 'open', freeTextAllowed: true, closesAtMs: LAST + WHATSAPP_SERVICE_WINDOW_MS });
    expect(whatsAppWindow(null, LAST)).toEqual({ state: 'closed', freeTextAllowed: false, templateRequired: true, closedAtMs: null });
  });
});

describe('channel secrets at rest', () => {
  const keys = { secret: 'a-master-secret-of-at-least-32-characters' };
  const token = 'EAAGm0PX4ZCpsBA-page-access-token-ü';

  it('seals a credential so only the server secret opens it, with a fresh IV each time', () => {
    const sealed = encryptSecret(token, keys, 'channel:whatsapp:114896151713920');
    expect(sealed).toMatch(/^mcs1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(sealed).not.toContain('EAAG');
    expect(encryptSecret(token, keys, 'channel:whatsapp:114896151713920')).not.toBe(sealed);
    expect(decryptSecret(sealed, keys, 'channel:whatsapp:114896151713920')).toBe(token);
  });

  it('detects any tampering with the IV, the ciphertext or the tag', () => {
    const sealed = encryptSecret(token, keys);
    const parts = sealed.split('.');
    for (const i of [1, 2, 3]) {
      const bytes = Buffer.from(parts[i]!, 'base64url');
      bytes[0] = bytes[0]! ^ 0x01;
      const tampered = parts.map((p, j) => (j === i ? bytes.toString('base64url') : p)).join('.');
      expect(() => decryptSecret(tampered, keys)).toThrow(new SecretBoxError('TAMPERED_OR_WRONG_KEY'));
    }
  });

  it('does not open under another secret or another record, nor a value of an unknown version', () => {
    const sealed = encryptSecret(token, keys, 'channel:line:1');
    expect(() => decryptSecret(sealed, { secret: 'another-secret-of-at-least-32-characters' }, 'channel:line:1')).toThrow(SecretBoxError);
    expect(() => decryptSecret(sealed, keys, 'channel:line:2')).toThrow(new SecretBoxError('TAMPERED_OR_WRONG_KEY'));
    expect(() => decryptSecret(sealed.replace('mcs1', 'mcs9'), keys, 'channel:line:1')).toThrow(new SecretBoxError('UNSUPPORTED_VERSION'));
    expect(() => decryptSecret('mcs1.only-two', keys)).toThrow(new SecretBoxError('MALFORMED'));
  });

  it('still opens values sealed under the previous secret during a rotation', () => {
    const old = { secret: 'the-secret-it-replaces-also-32-characters!' };
    const sealed = encryptSecret(token, old);
    expect(decryptSecret(sealed, { secret: keys.secret, previousSecret: old.secret })).toBe(token);
  });
});
