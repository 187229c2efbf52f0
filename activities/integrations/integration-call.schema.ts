import { z } from 'zod';
import { ACCOUNT_RESTRICTIONS } from '../../domain/integrations';

const Common = {
  ticketId: z.string().min(1).max(200),
  stepId: z.string().min(1).max(200),
  // Stripe's limit; the platform contract takes the same.
  idempotencyKey: z.string().min(1).max(255),
};

/** A refund call: integer minor units (Stripe's 8-digit maximum), an ISO 4217 code sent lowercase as Stripe echoes it. */
const RefundCallSchema = z.strictObject({
  ...Common,
  integration: z.literal('payments.refund'),
  refund: z.strictObject({
    amount: z.number().int().min(1).max(99_999_999),
    currency: z.string().regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 code such as EUR').transform((c) => c.toLowerCase()),
    paymentId: z.string().min(1).max(255),
  }),
  reason: z.string().max(500).optional(),
});

/** A restriction call: the platform's contract requires a reason (it is shown in the account's audit log). */
const RestrictCallSchema = z.strictObject({
  ...Common,
  integration: z.literal('platform.restrict'),
  accountId: z.string().min(1).max(255),
  restriction: z.enum(ACCOUNT_RESTRICTIONS),
  reason: z.string().trim().min(1).max(500),
});

/** The activity's input as the workflow sends it (domain/integrations.ts `IntegrationCall`), checked per integration. */
export const IntegrationCallSchema = z.discriminatedUnion('integration', [RefundCallSchema, RestrictCallSchema]);
export type ParsedIntegrationCall = z.infer<typeof IntegrationCallSchema>;
export type RefundCall = z.infer<typeof RefundCallSchema>;
export type RestrictCall = z.infer<typeof RestrictCallSchema>;
