import { createHmac } from 'node:crypto';
import { hashApiKey } from '../../api/middleware/auth';
import { deriveKey, KEY_LABELS, keyRing, type KeyPurpose } from '../../config/derived-keys';
import { encodeQueryCode } from '../../domain/query-code';
import { deriveQueryCode, hashQueryCode } from '../../services/query-codes/query-code-crypto';

const SECRET = 'a-master-secret-of-at-least-32-characters';
const PREVIOUS = 'the-secret-it-replaces-also-32-characters!';

describe('keys derived from MERIDIAN_SECRET', () => {
  it('gives each purpose its own 32-byte key, none of them the secret itself', () => {
    const keys = (Object.keys(KEY_LABELS) as KeyPurpose[]).map((purpose) => deriveKey(SECRET, purpose).toString('hex'));
    expect(keys.every((k) => k.length === 64)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain(Buffer.from(SECRET).toString('hex').slice(0, 64));
  });

  it('derives the same key from the same secret and label, and another from another secret', () => {
    expect(deriveKey(SECRET, 'queryCode')).toEqual(deriveKey(SECRET, 'queryCode'));
    expect(deriveKey(PREVIOUS, 'queryCode')).not.toEqual(deriveKey(SECRET, 'queryCode'));
  });

  it('no longer keys API-key hashes and query codes with the raw secret', () => {
    const apiKey = `mrd_${'k'.repeat(43)}`;
    expect(hashApiKey(apiKey, SECRET)).not.toBe(createHmac('sha256', SECRET).update(apiKey).digest('hex'));
    const legacyCode = encodeQueryCode(createHmac('sha256', SECRET).update('query-code:tkt_1').digest());
    expect(deriveQueryCode(SECRET, 'tkt_1')).not.toBe(legacyCode);
    const legacyHash = createHmac('sha256', SECRET).update(`query-code-hash:${legacyCode}`).digest('hex');
    expect(hashQueryCode(SECRET, legacyCode)).not.toBe(legacyHash);
  });

  it('accepts, in order, the current key, the previous secret’s, then the raw secrets used before derivation', () => {
    const ring = keyRing({ secret: SECRET, previousSecret: PREVIOUS }, 'apiKeyHash');
    expect(ring.accepted).toEqual([
      deriveKey(SECRET, 'apiKeyHash'),
      deriveKey(PREVIOUS, 'apiKeyHash'),
      Buffer.from(SECRET),
      Buffer.from(PREVIOUS),
    ]);
    expect(ring.current).toEqual(ring.accepted[0]);
    expect(keyRing({ secret: SECRET }, 'apiKeyHash').accepted).toHaveLength(2);
  });
});
