import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, METADATA_ENCODING_KEY, ValueError, type Payload } from '@temporalio/common';
import { payloadKeyring, PayloadKeysSchema } from '../../config/payload-keys';
import { ENCRYPTED_ENCODING, EncryptionCodec, KEY_ID_METADATA, type RefusalReason } from '../../temporal/payload-codec';

const SECRET = 'unit-test-secret-0123456789abcdef-xyz';
const keyA = `key-a:${randomBytes(32).toString('base64')}`;
const keyB = `key-b:${randomBytes(32).toString('base64')}`;
const keyring = (entries: string) => payloadKeyring(PayloadKeysSchema.parse(entries), SECRET);
const note = { body: 'Customer Dana says her card ends in 4242', actor: { type: 'member', id: 'alice' } };
const text = (p: Payload) => Buffer.from(p.data ?? []).toString('latin1') + Object.values(p.metadata ?? {}).map((v) => Buffer.from(v).toString('latin1')).join();
const metadataOf = (p: Payload, key: string) => Buffer.from(p.metadata?.[key] ?? []).toString();

/** What the SDK does with a decoded payload: convert it to a value (throws for a refused one). */
async function roundTrip(encoder: EncryptionCodec, decoder: EncryptionCodec, value: unknown = note): Promise<unknown> {
  const [encoded] = await encoder.encode([defaultPayloadConverter.toPayload(value)]);
  const [decoded] = await decoder.decode([encoded!]);
  return defaultPayloadConverter.fromPayload(decoded!);
}

describe('EncryptionCodec', () => {
  it('stores nothing readable: the content, its JSON encoding and its metadata are all inside the ciphertext', async () => {
    const [encoded] = await new EncryptionCodec(keyring(keyA)).encode([defaultPayloadConverter.toPayload(note)]);
    expect(text(encoded!)).not.toMatch(/4242|Dana|alice|json\/plain/);
    expect(metadataOf(encoded!, METADATA_ENCODING_KEY)).toBe(ENCRYPTED_ENCODING);
    expect(metadataOf(encoded!, KEY_ID_METADATA)).toBe('key-a');
  });

  it('decrypts what it encrypted, and two encryptions of one value differ (fresh IV)', async () => {
    const codec = new EncryptionCodec(keyring(keyA));
    await expect(roundTrip(codec, codec)).resolves.toEqual(note);
    const [one, two] = await codec.encode([defaultPayloadConverter.toPayload(note), defaultPayloadConverter.toPayload(note)]);
    expect(Buffer.from(one!.data!).equals(Buffer.from(two!.data!))).toBe(false);
  });

  it('after rotation encrypts with the new key and still decrypts what the old key wrote', async () => {
    const before = new EncryptionCodec(keyring(keyA));
    const after = new EncryptionCodec(keyring(`${keyB},${keyA}`));
    await expect(roundTrip(before, after)).resolves.toEqual(note);
    const [encoded] = await after.encode([defaultPayloadConverter.toPayload(note)]);
    expect(metadataOf(encoded!, KEY_ID_METADATA)).toBe('key-b');
  });

  it.each<[string, (p: Payload) => Payload, string, RefusalReason]>([
    ['an unencrypted payload (a client without the key)', () => defaultPayloadConverter.toPayload(note), keyA, 'not_encrypted'],
    ['a payload under a key it does not hold', (p) => p, keyB, 'unknown_key'],
    ['a payload with one ciphertext byte changed', (p) => ({ ...p, data: Buffer.from(p.data!).map((b, i) => (i === 20 ? b ^ 1 : b)) }), keyA, 'not_authentic'],
    ['a payload relabelled with another configured key id', (p) => ({ ...p, metadata: { ...p.metadata, [KEY_ID_METADATA]: Buffer.from('key-b') } }), `${keyA},${keyB}`, 'not_authentic'],
    ['a forged payload with the right metadata and random bytes', (p) => ({ ...p, data: randomBytes(80) }), keyA, 'not_authentic'],
  ])('refuses %s: it decodes to a payload no converter accepts, and the refusal is reported', async (_what, tamper, decoderKeys, reason) => {
    const refusals: RefusalReason[] = [];
    const decoder = new EncryptionCodec(keyring(decoderKeys), { onRefused: (r) => refusals.push(r) });
    const [encoded] = await new EncryptionCodec(keyring(keyA)).encode([defaultPayloadConverter.toPayload(note)]);
    const [decoded] = await decoder.decode([tamper(encoded!)]);
    expect(() => defaultPayloadConverter.fromPayload(decoded!)).toThrow(ValueError);
    expect(text(decoded!)).not.toMatch(/4242|Dana/);
    expect(refusals).toEqual([reason]);
  });

  it('lets unencrypted payloads through only with TEMPORAL_PAYLOAD_ACCEPT_PLAINTEXT (upgrades), never a forged ciphertext', async () => {
    const lenient = new EncryptionCodec(keyring(keyA), { acceptPlaintext: true });
    const [plain] = await lenient.decode([defaultPayloadConverter.toPayload(note)]);
    expect(defaultPayloadConverter.fromPayload(plain!)).toEqual(note);
    const [foreign] = await new EncryptionCodec(keyring(keyB)).encode([defaultPayloadConverter.toPayload(note)]);
    const [decoded] = await lenient.decode([foreign!]);
    expect(() => defaultPayloadConverter.fromPayload(decoded!)).toThrow(ValueError);
  });

  it('for display, decrypts what it can and returns everything else unchanged', async () => {
    const codec = new EncryptionCodec(keyring(keyA));
    const plain = defaultPayloadConverter.toPayload('already plain');
    const [foreign] = await new EncryptionCodec(keyring(keyB)).encode([plain]);
    const [ours] = await codec.encode([defaultPayloadConverter.toPayload(note)]);
    const shown = await codec.decodeForDisplay([plain, foreign!, ours!]);
    expect(shown[0]).toBe(plain);
    expect(shown[1]).toBe(foreign);
    expect(defaultPayloadConverter.fromPayload(shown[2]!)).toEqual(note);
  });
});
