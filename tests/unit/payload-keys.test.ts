import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { ConfigError, loadConfig } from '../../config/config';
import { deriveKey } from '../../config/derived-keys';
import { DERIVED_PAYLOAD_KEY_ID } from '../../config/payload-keys';

const BASE = { MONGODB_URI: 'mongodb://127.0.0.1:1/t', MERIDIAN_SECRET: 'unit-test-secret-0123456789abcdef-xyz' };
const material = (key: unknown) => (key as { export(): Buffer }).export();

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...BASE, ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('TEMPORAL_PAYLOAD_KEYS', () => {
  it('without it, payloads are encrypted with a key derived from MERIDIAN_SECRET (HKDF with its own label)', () => {
    for (const unset of [{}, { TEMPORAL_PAYLOAD_KEYS: '' }]) {
      const { keyring } = loadConfig({ ...BASE, ...unset }).temporal.payloads;
      expect(keyring.currentKeyId).toBe(DERIVED_PAYLOAD_KEY_ID);
      expect(material(keyring.keys.get(DERIVED_PAYLOAD_KEY_ID))).toEqual(deriveKey(BASE.MERIDIAN_SECRET, 'temporalPayloads'));
    }
    const other = loadConfig({ ...BASE, MERIDIAN_SECRET: 'another-secret-0123456789abcdef-xyz' }).temporal.payloads.keyring;
    expect(material(other.keys.get(DERIVED_PAYLOAD_KEY_ID))).not.toEqual(deriveKey(BASE.MERIDIAN_SECRET, 'temporalPayloads'));
  });

  it('makes the first key current and keeps the others (and the derived key, when listed) for decrypting', () => {
    const b = randomBytes(32);
    const a = randomBytes(32);
    const env = { TEMPORAL_PAYLOAD_KEYS: `k2:${b.toString('base64')}, k1:${a.toString('base64url')},${DERIVED_PAYLOAD_KEY_ID}` };
    const { keyring } = loadConfig({ ...BASE, ...env }).temporal.payloads;
    expect(keyring.currentKeyId).toBe('k2');
    expect([...keyring.keys.keys()]).toEqual(['k2', 'k1', DERIVED_PAYLOAD_KEY_ID]);
    expect(material(keyring.keys.get('k1'))).toEqual(a);
  });

  it('reports every malformed entry at boot, without repeating any key material', () => {
    const short = randomBytes(16).toString('base64');
    const good = randomBytes(32).toString('base64');
    const problems = problemsOf({ TEMPORAL_PAYLOAD_KEYS: `k1:${short},${good},k2:${good},k2:${good},${DERIVED_PAYLOAD_KEY_ID}:${good}` });
    expect(problems).toEqual([
      expect.stringMatching(/^TEMPORAL_PAYLOAD_KEYS: entry 1 \("k1"\): the key must be 32 bytes/),
      expect.stringMatching(/^TEMPORAL_PAYLOAD_KEYS: entry 2: expected "<key id>:<base64 key>"/),
      expect.stringMatching(/entry 5: "meridian-secret" is the key derived from MERIDIAN_SECRET/),
      'TEMPORAL_PAYLOAD_KEYS: key id "k2" appears more than once',
    ]);
    expect(problems.join('\n')).not.toContain(short);
    expect(problems.join('\n')).not.toContain(good.slice(0, 12));
  });

  it('never shows key material when the configuration is logged or printed', () => {
    const key = randomBytes(32);
    const config = loadConfig({ ...BASE, TEMPORAL_PAYLOAD_KEYS: `k1:${key.toString('base64')}` });
    const printed = JSON.stringify(config) + inspect(config, { depth: 10 });
    for (const form of [key.toString('base64'), key.toString('hex'), key.toString('base64url')]) expect(printed).not.toContain(form);
    expect(printed).not.toContain(`${key[0]},${key[1]},${key[2]}`); // a Buffer serialised as a JSON array of bytes
  });
});

describe('TEMPORAL_UI_ORIGIN', () => {
  it('takes an origin and refuses a URL with a path', () => {
    expect(loadConfig({ ...BASE, TEMPORAL_UI_ORIGIN: 'http://localhost:8080/' }).temporal.uiOrigin).toBe('http://localhost:8080');
    expect(problemsOf({ TEMPORAL_UI_ORIGIN: 'http://localhost:8080/ui' })).toEqual([expect.stringMatching(/^TEMPORAL_UI_ORIGIN: expected an origin/)]);
  });
});
