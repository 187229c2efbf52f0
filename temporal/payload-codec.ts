import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec, type SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKeyring } from '../config/payload-keys';

/** The encoding of an encrypted payload; its data is IV ‖ AES-256-GCM ciphertext of the whole payload ‖ tag. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata naming the key a payload was encrypted with (for rotation). */
export const KEY_ID_METADATA = 'encryption-key-id';
/**
 * What a refused payload decodes to. No payload converter knows this encoding, so the SDK fails to convert it where
 * it is used: an update carrying it is rejected before its validator runs, and nothing is recorded.
 */
export const REFUSED_ENCODING = 'meridian/refused: not encrypted with a configured key';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const ProtoPayload = temporal.api.common.v1.Payload;

/** Why a payload was refused: never encrypted, encrypted with a key not configured here, or altered / forged. */
export type RefusalReason = 'not_encrypted' | 'unknown_key' | 'not_authentic';

export interface EncryptionCodecOptions {
  /** Upgrade aid: pass unencrypted payloads through instead of refusing them (TEMPORAL_PAYLOAD_ACCEPT_PLAINTEXT). */
  acceptPlaintext?: boolean;
  /** Told about every refusal (for a warning in the log; it gets no payload content). */
  onRefused?: (reason: RefusalReason, context?: SerializationContext) => void;
}

type Opened = { ok: true; payload: Payload } | { ok: false; reason: RefusalReason };

const utf8 = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? []).toString('utf8');

/** The key id and encoding are authenticated with the ciphertext, so neither can be swapped unnoticed. */
const additionalData = (keyId: string): Buffer => Buffer.from(`${ENCRYPTED_ENCODING}\n${keyId}`, 'utf8');

/**
 * AES-256-GCM payload codec: encrypts every payload with the current key and decrypts with any configured key.
 * Decoding is also the authenticity check: a payload that is not encrypted with a configured key is refused.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(
    private readonly keyring: PayloadKeyring,
    private readonly options: EncryptionCodecOptions = {},
  ) {}

  /** Encrypts each payload (metadata included) under the current key. */
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.seal(payload));
  }

  /**
   * Decrypts each payload; refuses (see REFUSED_ENCODING) what is not authentic. It never throws for a bad payload:
   * a throw here fails the whole workflow task, and a signal or update that can never be decoded would then block
   * the workflow on every retry.
   */
  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return payloads.map((payload) => {
      const opened = this.open(payload);
      if (opened.ok) return opened.payload;
      if (opened.reason === 'not_encrypted' && this.options.acceptPlaintext) return payload;
      this.options.onRefused?.(opened.reason, context);
      return refused(opened.reason);
    });
  }

  /** For people reading history (the Web UI's codec endpoint): decrypts what it can, returns the rest unchanged. */
  async decodeForDisplay(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const opened = this.open(payload);
      return opened.ok ? opened.payload : payload;
    });
  }

  private seal(payload: Payload): Payload {
    const keyId = this.keyring.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyring.keys.get(keyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(keyId));
    const ciphertext = Buffer.concat([cipher.update(ProtoPayload.encode(payload).finish()), cipher.final()]);
    return {
      metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: Buffer.from(keyId) },
      data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]),
    };
  }

  private open(payload: Payload): Opened {
    if (utf8(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCRYPTED_ENCODING) return { ok: false, reason: 'not_encrypted' };
    const keyId = utf8(payload.metadata?.[KEY_ID_METADATA]);
    const key = this.keyring.keys.get(keyId);
    if (!key) return { ok: false, reason: 'unknown_key' };
    const data = Buffer.from(payload.data ?? []);
    if (data.length < IV_BYTES + TAG_BYTES) return { ok: false, reason: 'not_authentic' };
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(additionalData(keyId));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return { ok: true, payload: ProtoPayload.decode(plain) };
    } catch {
      return { ok: false, reason: 'not_authentic' }; // tag mismatch (wrong key, altered bytes) or garbage inside
    }
  }
}

function refused(reason: RefusalReason): Payload {
  return { metadata: { [METADATA_ENCODING_KEY]: Buffer.from(REFUSED_ENCODING), 'meridian-refusal': Buffer.from(reason) }, data: new Uint8Array() };
}
