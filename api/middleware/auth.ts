import { createHmac, randomBytes } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Config } from '../../config/config';
import { MeridianError, type ErrorCode } from '../../domain/errors';
import {
  anyApiKeyExists,
  findApiKeyByHash,
  insertApiKey,
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

/** The only form a key is stored in: HMAC-SHA256 keyed with the server secret. */
export function hashApiKey(key: string, secret: string): string {
  return createHmac('sha256', secret).update(key).digest('hex');
}

function unauthenticated(message: string): MeridianError {
  return new MeridianError('UNAUTHENTICATED', message);
}

/** Requires `Authorization: Bearer mrd_…` naming an active key; 401 (with WWW-Authenticate) otherwise. */
export function authenticate(config: Pick<Config, 'secret'>): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const key = match?.[1];
    if (!key) throw unauthenticated('send an API key as "Authorization: Bearer mrd_…"');
    const doc = KEY_FORMAT.test(key) ? await findApiKeyByHash(hashApiKey(key, config.secret)) : null;
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

function newKeyMaterial(secret: string): { key: string; hash: string } {
  const key = `mrd_${randomBytes(32).toString('base64url')}`;
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
 * On a fresh installation, creates one admin key; returns its plaintext only to the caller that created it.
 * Concurrent boots race on the fixed `_id`, so at most one key is ever made.
 */
export async function ensureBootstrapAdminKey(secret: string): Promise<{ id: string; key: string } | null> {
  if (await anyApiKeyExists()) return null;
  const { key, hash } = newKeyMaterial(secret);
  try {
    await insertApiKey({ _id: BOOTSTRAP_KEY_ID, hash, name: 'bootstrap admin', role: 'admin', departmentIds: [], createdAt: new Date() });
  } catch (err) {
    if (isDuplicateKeyError(err)) return null;
    throw err;
  }
  return { id: BOOTSTRAP_KEY_ID, key };
}
