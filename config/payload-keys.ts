import { createSecretKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { deriveKey } from './derived-keys';

/** The TEMPORAL_PAYLOAD_KEYS entry (and key id) that stands for the key derived from MERIDIAN_SECRET. */
export const DERIVED_PAYLOAD_KEY_ID = 'meridian-secret';

/** The keys that encrypt Temporal payloads: the current one encrypts, every one decrypts. */
export interface PayloadKeyring {
  currentKeyId: string;
  /** KeyObjects print as `SecretKeyObject {…}` and serialise as `{}`: a logged config shows no key material. */
  keys: ReadonlyMap<string, KeyObject>;
}

type KeyEntry = { id: string; key: Buffer } | { id: typeof DERIVED_PAYLOAD_KEY_ID; key: 'derived' };

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** 32 bytes in base64 (standard or URL-safe alphabet), e.g. `openssl rand -base64 32`. */
const KEY_32_BYTES = /^[A-Za-z0-9+/_-]{43}=?$/;

/** One entry: `<key id>:<base64 key>` or `meridian-secret`. Messages never echo the key. */
function parseEntry(raw: string, position: number, ctx: z.RefinementCtx): KeyEntry | null {
  const entry = raw.trim();
  if (entry === DERIVED_PAYLOAD_KEY_ID) return { id: DERIVED_PAYLOAD_KEY_ID, key: 'derived' };
  const colon = entry.indexOf(':');
  const id = colon === -1 ? '' : entry.slice(0, colon);
  const material = colon === -1 ? '' : entry.slice(colon + 1);
  const problem = !KEY_ID.test(id)
    ? `entry ${position}: expected "<key id>:<base64 key>" (key id: letters, digits, ".", "_", "-") or "${DERIVED_PAYLOAD_KEY_ID}"`
    : id === DERIVED_PAYLOAD_KEY_ID
      ? `entry ${position}: "${DERIVED_PAYLOAD_KEY_ID}" is the key derived from MERIDIAN_SECRET and takes no key material`
      : !KEY_32_BYTES.test(material)
        ? `entry ${position} ("${id}"): the key must be 32 bytes in base64 (openssl rand -base64 32)`
        : null;
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem });
    return null;
  }
  return { id, key: Buffer.from(material, 'base64') };
}

/** `kid1:base64key,kid0:base64key,meridian-secret`: the first entry is the current key. */
export const PayloadKeysSchema = z.string().transform((value, ctx): KeyEntry[] => {
  const entries = value.split(',').map((raw, i) => parseEntry(raw, i + 1, ctx));
  const ids = entries.flatMap((e) => (e ? [e.id] : []));
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) {
    ctx.addIssue({ code: 'custom', message: `key id "${id}" appears more than once` });
  }
  return entries.filter((e): e is KeyEntry => e !== null);
});

export type PayloadKeyEntries = z.infer<typeof PayloadKeysSchema>;

/** The keyring for configured entries; without any, the one key derived from MERIDIAN_SECRET. */
export function payloadKeyring(entries: PayloadKeyEntries | undefined, secret: string): PayloadKeyring {
  const list: KeyEntry[] = entries?.length ? entries : [{ id: DERIVED_PAYLOAD_KEY_ID, key: 'derived' }];
  const keys = new Map(
    list.map((e) => [e.id, createSecretKey(e.key === 'derived' ? deriveKey(secret, 'temporalPayloads') : e.key)] as const),
  );
  return { currentKeyId: list[0]!.id, keys };
}
