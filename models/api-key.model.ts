import { Schema, model } from 'mongoose';

export const ROLES = ['admin', 'ops', 'agent'] as const;
export type Role = (typeof ROLES)[number];

/** An API key; only its HMAC is stored, the plaintext is shown once at creation. */
export interface ApiKeyDoc {
  _id: string;
  /** HMAC-SHA256(API-key hash key, key) in hex (config/derived-keys.ts). */
  hash: string;
  name: string;
  role: Role;
  /** The departments an agent key may see (empty for admin and ops). */
  departmentIds: string[];
  /** The department member an agent key acts as, if any. */
  memberId?: string;
  createdAt: Date;
  revokedAt?: Date;
}

const apiKeySchema = new Schema<ApiKeyDoc>(
  {
    _id: { type: String, required: true },
    hash: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, required: true, enum: ROLES },
    departmentIds: { type: [String], default: [] },
    memberId: { type: String },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date },
  },
  { versionKey: false, collection: 'api_keys' },
);
// authenticate: findOne({ hash }) per accepted hash on every request; unique: one key per hash.
apiKeySchema.index({ hash: 1 }, { unique: true });

export const ApiKeyModel = model<ApiKeyDoc>('ApiKey', apiKeySchema);

/**
 * The keys stored under any of these hashes, revoked or not (at most one per hash). One equality read per hash
 * (two or four while a secret rotates), which FerretDB sends to PostgreSQL; it would filter `$in` itself.
 */
export async function findApiKeyByHashes(hashes: string[]): Promise<ApiKeyDoc[]> {
  const found = await Promise.all(hashes.map((hash) => ApiKeyModel.findOne({ hash }).lean<ApiKeyDoc>()));
  return found.filter((doc): doc is ApiKeyDoc => doc !== null);
}

/** Moves a key to its hash under the current secret; a concurrent request that did the same makes this a no-op. */
export async function replaceApiKeyHash(id: string, from: string, to: string): Promise<void> {
  await ApiKeyModel.updateOne({ _id: id, hash: from }, { $set: { hash: to } });
}

/** Stores a new key (throws E11000 when the id is taken). */
export async function insertApiKey(doc: ApiKeyDoc): Promise<void> {
  await ApiKeyModel.create(doc);
}

/** Every key, oldest first, without hashes. */
export async function listApiKeys(): Promise<Array<Omit<ApiKeyDoc, 'hash'>>> {
  return ApiKeyModel.find({}, { hash: 0 }).sort({ createdAt: 1, _id: 1 }).lean<Array<Omit<ApiKeyDoc, 'hash'>>>();
}

/** Whether any key was ever created (revoked ones included). */
export async function anyApiKeyExists(): Promise<boolean> {
  return (await ApiKeyModel.exists({})) !== null;
}

/** Active admin keys other than `exceptId` (guards against revoking the last way in). */
export async function countOtherActiveAdminKeys(exceptId: string): Promise<number> {
  return ApiKeyModel.countDocuments({ role: 'admin', _id: { $ne: exceptId }, revokedAt: { $exists: false } });
}

/** One key without its hash, or null. */
export async function getApiKey(id: string): Promise<Omit<ApiKeyDoc, 'hash'> | null> {
  return ApiKeyModel.findById(id, { hash: 0 }).lean<Omit<ApiKeyDoc, 'hash'>>();
}

/** Marks a key revoked; a key already revoked keeps its first revocation time. */
export async function revokeApiKey(id: string, at: Date): Promise<void> {
  await ApiKeyModel.updateOne({ _id: id, revokedAt: { $exists: false } }, { $set: { revokedAt: at } });
}
