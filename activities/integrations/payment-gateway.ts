/**
 * A client for a Stripe-compatible refunds API, in Stripe's own wire format (https://docs.stripe.com/api/refunds):
 * `POST /v1/refunds` form-encoded with an Idempotency-Key, `GET /v1/refunds/{id}`, Stripe's refund object and errors.
 */
import { z } from 'zod';
import type { Config } from '../../config/config';
import { callApi, integrationFailure, type ApiTarget } from './api-call';

export type PaymentGatewaySettings = NonNullable<Config['integrations']['paymentGateway']>;

/** The refund object's fields Meridian reads; Stripe adds fields without a new API version, so others are ignored. */
const RefundSchema = z.object({
  id: z.string().regex(/^re_/),
  object: z.literal('refund'),
  amount: z.number().int(),
  currency: z.string(),
  status: z.enum(['pending', 'requires_action', 'succeeded', 'failed', 'canceled']),
  failure_reason: z.string().nullish(),
});
export type Refund = z.infer<typeof RefundSchema>;

export interface RefundRequest {
  paymentId: string;
  /** Integer minor units. */
  amount: number;
  /** Lowercase ISO 4217, as Stripe takes and echoes it. */
  currency: string;
  ticketId: string;
  idempotencyKey: string;
}

/** The refund the gateway made (in any status), or its refusal's reason (card or request error). */
export type RefundAnswer = { refund: Refund } | { refused: string };

/** A refunds client over one gateway account; every call is one HTTP request (retries are Temporal's). */
export function createPaymentGatewayClient(settings: PaymentGatewaySettings, timeoutMs: number) {
  const target: ApiTarget = { service: 'payment gateway', baseUrl: settings.baseUrl, credential: settings.secretKey, timeoutMs };

  function parseRefund(json: unknown): Refund {
    const parsed = RefundSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    // A success status without a refund: the refund may exist, and only a person can reconcile it.
    throw integrationFailure('INTEGRATION_INVALID_RESPONSE', `payment gateway answered without a refund object: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  }

  return {
    /** Refunds `amount` of the payment once per idempotency key: a retry with the same key gets the same refund. */
    async createRefund(request: RefundRequest): Promise<RefundAnswer> {
      const form = new URLSearchParams({
        payment_intent: request.paymentId,
        amount: String(request.amount),
        currency: request.currency,
        reason: 'requested_by_customer',
        'metadata[ticket_id]': request.ticketId,
      });
      const answer = await callApi(target, {
        method: 'POST',
        path: '/v1/refunds',
        idempotencyKey: request.idempotencyKey,
        body: { contentType: 'application/x-www-form-urlencoded', text: form.toString() },
      });
      return answer.ok ? { refund: parseRefund(answer.json) } : { refused: answer.reason };
    },

    /** The refund as the gateway holds it now (its status moves from pending to succeeded or failed). */
    async retrieveRefund(refundId: string): Promise<Refund> {
      const answer = await callApi(target, { method: 'GET', path: `/v1/refunds/${encodeURIComponent(refundId)}` });
      if (!answer.ok) throw integrationFailure('INTEGRATION_INVALID_RESPONSE', `payment gateway cannot find refund ${refundId} it made: ${answer.reason}`);
      return parseRefund(answer.json);
    },
  };
}

export type PaymentGatewayClient = ReturnType<typeof createPaymentGatewayClient>;
