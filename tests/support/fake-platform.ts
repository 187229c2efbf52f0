/**
 * The platform's account API for tests, on a real loopback port, as activities/integrations/platform.ts documents it:
 * `POST /v1/accounts/{accountId}/restrictions` (JSON), bearer token, Stripe's error shape and idempotency semantics
 * (tests/support/fake-api.ts), and a knob to refuse restrictions of an account.
 */
import { randomBytes } from 'node:crypto';
import { startFakeApi, type FakeAnswer, type FakeApi } from './fake-api';

export interface PlatformRestriction {
  id: string;
  accountId: string;
  restriction: 'purchases' | 'account';
  reason: string;
  ticketId: string;
  createdAt: string;
}

export interface FakePlatform extends FakeApi {
  token: string;
  /** Every restriction created, oldest first (a replayed answer creates none). */
  restrictions: PlatformRestriction[];
  /** Restrictions of `accountId` are refused (404 account_not_found, 400 account_closed, …); saved under the key. */
  refuse(accountId: string, refusal: { status: 400 | 404 | 409 | 422; code: string; message: string }): void;
}

const apiError = (status: number, type: string, code: string | undefined, message: string): FakeAnswer => ({
  status,
  body: { error: { type, ...(code ? { code } : {}), message } },
});

function parseJson(raw: string, contentType: string | undefined): Record<string, unknown> | null {
  if (!contentType?.startsWith('application/json')) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function validate(body: Record<string, unknown> | null): FakeAnswer | null {
  const b = body ?? {};
  if (b.restriction !== 'purchases' && b.restriction !== 'account') {
    return apiError(400, 'invalid_request_error', 'parameter_invalid', 'restriction must be one of purchases, account');
  }
  if (typeof b.reason !== 'string' || !b.reason) return apiError(400, 'invalid_request_error', 'parameter_missing', 'reason is required');
  if (typeof b.ticketId !== 'string' || !b.ticketId) return apiError(400, 'invalid_request_error', 'parameter_missing', 'ticketId is required');
  return null;
}

/** Starts the fake platform; it accepts only `token` as its Bearer token. */
export async function startFakePlatform(token = `plt_${randomBytes(16).toString('hex')}`): Promise<FakePlatform> {
  const restrictions: PlatformRestriction[] = [];
  const refusals = new Map<string, { status: number; code: string; message: string }>();

  function restrict(accountId: string, body: Record<string, unknown> | null): FakeAnswer {
    const refusal = refusals.get(accountId);
    if (refusal) return apiError(refusal.status, 'invalid_request_error', refusal.code, refusal.message);
    const b = body as { restriction: 'purchases' | 'account'; reason: string; ticketId: string };
    const created: PlatformRestriction = {
      id: `rst_${randomBytes(10).toString('hex')}`,
      accountId,
      restriction: b.restriction,
      reason: b.reason,
      ticketId: b.ticketId,
      createdAt: new Date().toISOString(),
    };
    restrictions.push(created);
    return { status: 201, body: { id: created.id, accountId, restriction: created.restriction, createdAt: created.createdAt } };
  }

  const api = await startFakeApi({
    credential: token,
    parseBody: parseJson,
    error: apiError,
    unauthorized: () => apiError(401, 'authentication_error', 'invalid_token', 'The bearer token is missing or not valid.'),
    route(method, path) {
      const match = /^\/v1\/accounts\/([^/]+)\/restrictions$/.exec(path);
      if (method !== 'POST' || !match) return null;
      const accountId = decodeURIComponent(match[1]!);
      return { validate, execute: (body) => restrict(accountId, body) };
    },
  });
  return { ...api, token, restrictions, refuse: (accountId, refusal) => void refusals.set(accountId, refusal) };
}
