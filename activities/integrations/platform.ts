/**
 * A client for the platform's (the live-streaming app's) account API. This is our own documented contract, not a
 * third party's; it follows Stripe's v1 conventions so one error classification serves both (./api-call.ts):
 *
 *   POST {base}/v1/accounts/{accountId}/restrictions
 *     Authorization: Bearer <PLATFORM_API_TOKEN>      Idempotency-Key: <key, ≤ 255 characters>
 *     Content-Type: application/json                  { "reason": string, "restriction": "purchases" | "account", "ticketId": string }
 *   201 (200 allowed)  { "id": string, "accountId": string, "restriction": "purchases" | "account", "createdAt": ISO 8601 }
 *   errors             { "error": { "type": string, "code"?: string, "message": string } }
 *     400 invalid_request_error (bad parameters), 404 account_not_found, 4xx other refusals → the step fails with the reason
 *     401/403 bad token · 400 idempotency_error (key reused with other parameters) · 409 key in flight · 429 · 5xx
 *
 * Idempotency as Stripe's: once the platform starts carrying out a request, its answer is saved under the key for at
 * least 24 hours and replayed (`Idempotent-Replayed: true`) to every request with that key and the same body.
 */
import { z } from 'zod';
import type { Config } from '../../config/config';
import { ACCOUNT_RESTRICTIONS, type AccountRestriction } from '../../domain/integrations';
import { callApi, integrationFailure, type ApiTarget } from './api-call';

export type PlatformSettings = NonNullable<Config['integrations']['platform']>;

const RestrictionSchema = z.object({
  id: z.string().min(1),
  accountId: z.string().min(1),
  restriction: z.enum(ACCOUNT_RESTRICTIONS),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Restriction = z.infer<typeof RestrictionSchema>;

export interface RestrictRequest {
  accountId: string;
  restriction: AccountRestriction;
  reason: string;
  ticketId: string;
  idempotencyKey: string;
}

/** A platform client over one API token; every call is one HTTP request (retries are Temporal's). */
export function createPlatformClient(settings: PlatformSettings, timeoutMs: number) {
  const target: ApiTarget = { service: 'platform', baseUrl: settings.baseUrl, credential: settings.token, timeoutMs };
  return {
    /** Restricts the account once per idempotency key; the restriction made, or the platform's reason for refusing. */
    async restrictAccount(request: RestrictRequest): Promise<{ restriction: Restriction } | { refused: string }> {
      const answer = await callApi(target, {
        method: 'POST',
        path: `/v1/accounts/${encodeURIComponent(request.accountId)}/restrictions`,
        idempotencyKey: request.idempotencyKey,
        body: {
          contentType: 'application/json',
          text: JSON.stringify({ reason: request.reason, restriction: request.restriction, ticketId: request.ticketId }),
        },
      });
      if (!answer.ok) return { refused: answer.reason };
      const parsed = RestrictionSchema.safeParse(answer.json);
      if (!parsed.success || parsed.data.accountId !== request.accountId || parsed.data.restriction !== request.restriction) {
        throw integrationFailure('INTEGRATION_INVALID_RESPONSE', `platform answered ${answer.status} without the restriction asked for`);
      }
      return { restriction: parsed.data };
    },
  };
}

export type PlatformClient = ReturnType<typeof createPlatformClient>;
