/**
 * One HTTP call to an integration and what its answer means for the step. Both integrations speak Stripe's v1
 * conventions (bearer credential, Idempotency-Key, `{ error: { type, code, message } }`), so one classification serves:
 *
 *   2xx                                   the operation's answer (parsed by the caller)
 *   401, 403                              INTEGRATION_UNAUTHORIZED, not retried (our credential, not the customer's request)
 *   400 idempotency_error                 INTEGRATION_IDEMPOTENCY_CONFLICT, not retried (same key, other parameters)
 *   409, 429, 5xx, network error, timeout INTEGRATION_UNAVAILABLE, retried by Temporal with the same key
 *   other 4xx (card_error, invalid_request_error, resource_missing …)  a refusal: the step's outcome is `failed`
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { INTEGRATION_FAILURES, type IntegrationFailureType } from '../../domain/integrations';

/** The ApplicationFailure of `type`, retryable or not as domain/integrations.ts says. */
export function integrationFailure(type: IntegrationFailureType, message: string, details: unknown[] = []): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: !INTEGRATION_FAILURES[type].retryable, details });
}

/** Stripe's error body; the fields Meridian reads (Stripe adds more: doc_url, param, request_log_url …). */
const ApiErrorSchema = z.object({
  error: z.object({ type: z.string(), code: z.string().optional(), decline_code: z.string().optional(), message: z.string().optional() }),
});

export interface ApiTarget {
  /** For messages: `payment gateway`, `platform`. */
  service: string;
  baseUrl: string;
  /** Sent as the Bearer credential, and scrubbed from every message it could appear in. */
  credential: string;
  timeoutMs: number;
}

export interface ApiRequest {
  method: 'GET' | 'POST';
  path: string;
  idempotencyKey?: string;
  body?: { contentType: string; text: string };
}

/** A 2xx answer's body, or the refusal's reason (`code: message`) when the system said no for good. */
export type ApiAnswer = { ok: true; status: number; json: unknown } | { ok: false; status: number; reason: string };

const scrub = (text: string, secret: string) => (secret ? text.split(secret).join('[redacted]') : text);

/** Sends one request and classifies the answer; throws the ApplicationFailure for everything that is not an answer. */
export async function callApi(target: ApiTarget, request: ApiRequest): Promise<ApiAnswer> {
  const headers: Record<string, string> = { Authorization: `Bearer ${target.credential}`, Accept: 'application/json' };
  if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey;
  if (request.body) headers['Content-Type'] = request.body.contentType;
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${target.baseUrl}${request.path}`, {
      method: request.method,
      headers,
      body: request.body?.text,
      signal: AbortSignal.timeout(target.timeoutMs),
      redirect: 'error', // a redirect would resend the credential elsewhere
    });
    text = await response.text();
  } catch (err) {
    // The request may or may not have been carried out: only a retry with the same key can tell.
    const cause = err instanceof Error ? `${err.name}: ${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}` : String(err);
    throw integrationFailure('INTEGRATION_UNAVAILABLE', scrub(`${target.service} unreachable: ${cause}`, target.credential));
  }
  const json = parseJson(text);
  if (response.ok) return { ok: true, status: response.status, json };
  const parsed = ApiErrorSchema.safeParse(json);
  const error = parsed.success ? parsed.data.error : { type: 'unknown', code: undefined, decline_code: undefined, message: `HTTP ${response.status}` };
  const what = scrub([error.code ?? error.type, error.decline_code, error.message].filter(Boolean).join(': '), target.credential);
  const status = response.status;
  if (status === 401 || status === 403) throw integrationFailure('INTEGRATION_UNAUTHORIZED', `${target.service} refused our credential (${status}): ${what}`);
  if (status === 400 && error.type === 'idempotency_error') {
    throw integrationFailure('INTEGRATION_IDEMPOTENCY_CONFLICT', `${target.service} refused the key ${request.idempotencyKey ?? ''} (already used with other parameters): ${what}`);
  }
  if (status === 409 || status === 429 || status >= 500) throw integrationFailure('INTEGRATION_UNAVAILABLE', `${target.service} answered ${status}: ${what}`);
  return { ok: false, status, reason: what };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
