/**
 * A Stripe-compatible refunds API for tests, on a real loopback port: `POST /v1/refunds` (form-encoded, as Stripe
 * takes it) and `GET /v1/refunds/{id}`, Stripe's refund object and error shape, its v1 idempotency semantics
 * (tests/support/fake-api.ts), and knobs for card errors and refunds that settle later.
 */
import { randomBytes } from 'node:crypto';
import { startFakeApi, type FakeAnswer, type FakeApi } from './fake-api';

export type RefundStatus = 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';

/** The fields of Stripe's refund object the fake fills in. */
export interface StripeRefund {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: string | null;
  charge: string;
  created: number;
  currency: string;
  failure_reason?: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  receipt_number: null;
  status: RefundStatus;
}

/** A refusal of every refund of one payment, as Stripe sends it (card_error 402, invalid_request_error 400). */
export interface Refusal {
  status: 400 | 402;
  type: 'card_error' | 'invalid_request_error';
  code: string;
  message: string;
}

export interface FakePaymentGateway extends FakeApi {
  secretKey: string;
  /** Every refund created, oldest first (a replayed answer creates none). */
  refunds: StripeRefund[];
  /** Refunds of `paymentId` are refused with `refusal` (the refusal is saved under the key, as Stripe does). */
  refuse(paymentId: string, refusal: Refusal): void;
  /** Refunds of `paymentId` start `pending` and turn `finalStatus` once they have been read `pendingReads` times. */
  settleLater(paymentId: string, options: { pendingReads: number; finalStatus?: RefundStatus; failureReason?: string }): void;
}

const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];
const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

const stripeError = (status: number, type: string, code: string | undefined, message: string): FakeAnswer => ({
  status,
  body: { error: { type, ...(code ? { code } : {}), message, request_log_url: 'https://dashboard.stripe.com/test/logs' } },
});

/** `a=1&metadata[ticket_id]=t` → `{ a: '1', metadata: { ticket_id: 't' } }` (Stripe's one level of brackets). */
function parseForm(raw: string, contentType: string | undefined): Record<string, unknown> | null {
  if (!contentType?.startsWith('application/x-www-form-urlencoded')) return null;
  const out: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    const nested = /^([^[\]]+)\[([^[\]]+)\]$/.exec(name);
    if (!nested) out[name] = value;
    else ((out[nested[1]!] ??= {}) as Record<string, string>)[nested[2]!] = value;
  }
  return out;
}

function validateRefund(body: Record<string, unknown> | null): FakeAnswer | null {
  const b = body ?? {};
  if (typeof b.payment_intent !== 'string' && typeof b.charge !== 'string') {
    return stripeError(400, 'invalid_request_error', 'parameter_missing', 'One of the following params should be provided for this request: payment_intent or charge.');
  }
  if (b.amount !== undefined && !(typeof b.amount === 'string' && /^[1-9]\d{0,7}$/.test(b.amount))) {
    return stripeError(400, 'invalid_request_error', 'parameter_invalid_integer', `Invalid positive integer: ${String(b.amount)}`);
  }
  if (b.currency !== undefined && !(typeof b.currency === 'string' && /^[a-z]{3}$/.test(b.currency))) {
    return stripeError(400, 'invalid_request_error', 'parameter_invalid_string', `Invalid currency: ${String(b.currency)}`);
  }
  if (b.reason !== undefined && !REASONS.includes(String(b.reason))) {
    return stripeError(400, 'invalid_request_error', 'parameter_invalid_string', 'Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer');
  }
  return null;
}

/** Starts the fake gateway; it accepts only `secretKey` as its Bearer key. */
export async function startFakePaymentGateway(secretKey = `sk_test_${randomBytes(16).toString('hex')}`): Promise<FakePaymentGateway> {
  const refunds: StripeRefund[] = [];
  const refusals = new Map<string, Refusal>();
  const settling = new Map<string, { pendingReads: number; finalStatus: RefundStatus; failureReason?: string }>();
  const reads = new Map<string, number>();

  function createRefund(body: Record<string, unknown> | null): FakeAnswer {
    const b = body ?? {};
    const paymentId = String(b.payment_intent ?? b.charge);
    const refusal = refusals.get(paymentId);
    if (refusal) return stripeError(refusal.status, refusal.type, refusal.code, refusal.message);
    const later = settling.get(paymentId);
    const refund: StripeRefund = {
      id: id('re'),
      object: 'refund',
      amount: Number(b.amount ?? 10_000), // no amount: the whole payment, 100.00 in the fake
      balance_transaction: later ? null : id('txn'),
      charge: id('ch'),
      created: Math.floor(Date.now() / 1000),
      currency: String(b.currency ?? 'usd'),
      metadata: (b.metadata ?? {}) as Record<string, string>,
      payment_intent: paymentId,
      reason: typeof b.reason === 'string' ? b.reason : null,
      receipt_number: null,
      status: later ? 'pending' : 'succeeded',
    };
    refunds.push(refund);
    return { status: 200, body: { ...refund } };
  }

  function retrieveRefund(refundId: string): FakeAnswer {
    const refund = refunds.find((r) => r.id === refundId);
    if (!refund) return stripeError(404, 'invalid_request_error', 'resource_missing', `No such refund: '${refundId}'`);
    const later = settling.get(refund.payment_intent);
    if (later && refund.status === 'pending') {
      const n = (reads.get(refundId) ?? 0) + 1;
      reads.set(refundId, n);
      if (n >= later.pendingReads) {
        refund.status = later.finalStatus;
        if (later.failureReason) refund.failure_reason = later.failureReason;
      }
    }
    return { status: 200, body: { ...refund } };
  }

  const api = await startFakeApi({
    credential: secretKey,
    parseBody: parseForm,
    error: stripeError,
    unauthorized: (sent) =>
      sent
        ? stripeError(401, 'invalid_request_error', undefined, `Invalid API Key provided: ${sent.slice(0, 8)}${'*'.repeat(Math.max(0, sent.length - 12))}${sent.slice(-4)}`)
        : stripeError(401, 'invalid_request_error', undefined, "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."),
    route(method, path) {
      if (method === 'POST' && path === '/v1/refunds') return { validate: validateRefund, execute: createRefund };
      const one = /^\/v1\/refunds\/([^/]+)$/.exec(path);
      if (method === 'GET' && one) return { execute: () => retrieveRefund(decodeURIComponent(one[1]!)) };
      return null;
    },
  });
  return {
    ...api,
    secretKey,
    refunds,
    refuse: (paymentId, refusal) => void refusals.set(paymentId, refusal),
    settleLater: (paymentId, { pendingReads, finalStatus = 'succeeded', failureReason }) => void settling.set(paymentId, { pendingReads, finalStatus, failureReason }),
  };
}
