import { createHmac, randomBytes } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Config } from '../../config/config';
import { deriveKey, keyRing, type Secrets } from '../../config/derived-keys';
import { MeridianError, type ErrorCode } from '../../domain/errors';
import {
  anyApiKeyExists,
  findApiKeyByHashes,
  insertApiKey,
  replaceApiKeyHash,
  type ApiKeyDoc,
  type Role,
} from '../../models/api-key.model';
import { isDuplicateKeyError } from '../../models/mongo-errors';

export type { Role };

/** Who is calling: set on `res.locals.auth` by `authenticate`. */
export interface AuthContext {
  keyId: string;
  role: Role;
  departmentIds: string[];
  memberId?: string;
}

/** `mrd_` + 43 base64url characters (256 random bits). */
const KEY_FORMAT = /^mrd_[A-Za-z0-9_-]{43}$/;
const BOOTSTRAP_KEY_ID = 'bootstrap-admin';

function hmacHex(hashKey: Buffer, apiKey: string): string {
  return createHmac('sha256', hashKey).update(apiKey).digest('hex');
}

/** The only form a key is stored in: HMAC-SHA256 keyed with the API-key hash key derived from `secret`. */
export function hashApiKey(key: string, secret: string): string {
  return hmacHex(deriveKey(secret, 'apiKeyHash'), key);
}

function unauthenticated(message: string): MeridianError {
  return new MeridianError('UNAUTHENTICATED', message);
}

/**
 * The stored key with this plaintext, under the current hash or one a rotation still accepts. A key found under an
 * older hash is re-hashed under the current one, so it keeps working once the previous secret is retired.
 */
async function findApiKey(key: string, secrets: Secrets): Promise<ApiKeyDoc | null> {
  const { current, accepted } = keyRing(secrets, 'apiKeyHash');
  const currentHash = hmacHex(current, key);
  const hashes = accepted.map((k) => hmacHex(k, key)); // current first, then the older ones in order
  const found = await findApiKeyByHashes(hashes);
  const doc = hashes.map((h) => found.find((d) => d.hash === h)).find((d) => d !== undefined);
  if (doc && doc.hash !== currentHash) await replaceApiKeyHash(doc._id, doc.hash, currentHash);
  return doc ?? null;
}

/** Requires `Authorization: Bearer mrd_…` naming an active key; 401 (with WWW-Authenticate) otherwise. */
export function authenticate(config: Pick<Config, 'secret' | 'previousSecret'>): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const key = match?.[1];
    if (!key) throw unauthenticated('send an API key as "Authorization: Bearer mrd_…"');
    const doc = KEY_FORMAT.test(key) ? await findApiKey(key, config) : null;
    if (!doc || doc.revokedAt) throw unauthenticated('the API key is unknown or revoked');
    const auth: AuthContext = { keyId: doc._id, role: doc.role, departmentIds: doc.departmentIds ?? [] };
    if (doc.memberId) auth.memberId = doc.memberId;
    res.locals.auth = auth;
    next();
  };
}

/** The caller set by `authenticate`; throws 401 if the route forgot to authenticate. */
export function getAuth(res: Response): AuthContext {
  const auth = res.locals.auth as AuthContext | undefined;
  if (!auth) throw unauthenticated('authentication required');
  return auth;
}

/** Lets only the given roles through; 403 for the others. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    if (!roles.includes(getAuth(res).role)) throw new MeridianError('FORBIDDEN', 'your API key may not do this');
    next();
  };
}

/** Admin and ops see every department; an agent only its own. */
export function canSeeDepartment(auth: AuthContext, departmentId: string): boolean {
  return auth.role !== 'agent' || auth.departmentIds.includes(departmentId);
}

/** Throws the given not-found error for agents outside the department (404, never 403: existence is not leaked). */
export function assertDepartmentVisible(
  auth: AuthContext,
  departmentId: string,
  notFoundCode: ErrorCode,
  message = 'not found',
): void {
  if (!canSeeDepartment(auth, departmentId)) throw new MeridianError(notFoundCode, message);
}

export interface NewApiKey {
  name: string;
  role: Role;
  departmentIds?: string[];
  memberId?: string;
}

/** A new random API key (`mrd_` + 256 random bits); store only its hash. */
export function generateApiKey(): string {
  return `mrd_${randomBytes(32).toString('base64url')}`;
}

function newKeyMaterial(secret: string): { key: string; hash: string } {
  const key = generateApiKey();
  return { key, hash: hashApiKey(key, secret) };
}

/** Creates a key and returns its plaintext, the only time it is ever available. */
export async function createApiKey(input: NewApiKey, secret: string): Promise<{ id: string; key: string }> {
  const id = `key-${randomBytes(8).toString('hex')}`;
  const { key, hash } = newKeyMaterial(secret);
  const doc: ApiKeyDoc = { _id: id, hash, name: input.name, role: input.role, departmentIds: input.departmentIds ?? [], createdAt: new Date() };
  if (input.memberId) doc.memberId = input.memberId;
  await insertApiKey(doc);
  return { id, key };
}

/**
 * On a fresh installation, creates one admin key (`key`, or a new one); returns its plaintext only to the caller
 * that created it. Concurrent boots race on the fixed `_id`, so at most one key is ever made.
 */
export async function ensureBootstrapAdminKey(secret: string, key = generateApiKey()): Promise<{ id: string; key: string } | null> {
  if (await anyApiKeyExists()) return null;
  const hash = hashApiKey(key, secret);
  try {
    await insertApiKey({ _id: BOOTSTRAP_KEY_ID, hash, name: 'bootstrap admin', role: 'admin', departmentIds: [], createdAt: new Date() });
  } catch (err) {
    if (isDuplicateKeyError(err)) return null;
    throw err;
  }
  return { id: BOOTSTRAP_KEY_ID, key };
}
