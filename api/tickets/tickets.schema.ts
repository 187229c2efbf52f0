import { z } from 'zod';
import { EmailSchema, PhoneSchema } from '../../domain/customers/identity-schemas';
import { TemplateNameSchema } from '../../domain/channels/whatsapp-templates';
import { IdSchema, TimeZoneSchema } from '../../domain/region';
import { MoneyInputSchema } from '../../domain/money-input';
import { PRIORITIES } from '../../domain/ticket';
import { multiLineText, singleLineText } from '../../domain/text';

/**
 * Who is writing: found by e-mail or phone, created on first contact. Name, language and time zone are what the
 * request claims: they stay on this ticket. Nothing here sets the tier, the priority or anything else that changes a
 * ticket's SLA or routing: those come from the customer record (staff) and the ops configuration. Strict, so a body
 * that tries (`tier`, `priority`) is refused with a 400 rather than silently ignored.
 */
export const IntakeCustomerSchema = z
  .strictObject({
    name: singleLineText(120),
    email: EmailSchema.optional(),
    phone: PhoneSchema.optional(),
    regionId: IdSchema,
    timeZone: TimeZoneSchema.optional(),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'expected a language tag such as "de" or "pt-BR"').optional(),
  })
  .refine((c) => c.email !== undefined || c.phone !== undefined, { message: 'an e-mail or a phone number is required', path: ['email'] })
  .meta({ anyOf: [{ required: ['email'] }, { required: ['phone'] }] }); // the refinement, for the OpenAPI document

export const CreateTicketBodySchema = z.strictObject({
  channel: z.enum(['web', 'api']).default('api'),
  subject: singleLineText(200),
  description: multiLineText(20_000),
  customer: IntakeCustomerSchema,
  /** A refund the customer asks for: processes route on its amount, approve it and pay it through the gateway. */
  refund: z
    .strictObject({
      ...MoneyInputSchema.def.in.shape,
      paymentId: z.string().regex(/^[A-Za-z0-9_-]{3,80}$/, 'expected the payment id of the gateway, such as pi_3N…'),
    })
    .superRefine((r, ctx) => void MoneyInputSchema.safeParse({ amount: r.amount, currency: r.currency }).error?.issues.forEach((i) => ctx.addIssue({ ...i, code: 'custom' })))
    .transform((r) => ({ amount: { minor: r.amount as number, currency: r.currency as string }, paymentId: r.paymentId }))
    .optional(),
  /** The customer's account on the platform, for processes that restrict it. */
  accountId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'expected an account id: letters, digits, _ and -').optional(),
});

export const IdempotencyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{8,128}$/, 'expected 8–128 visible ASCII characters')
    .optional()
    .describe('Repeat the same key to retry safely: you get the same ticket, never a second one.'),
});

export const CreateTicketResponseSchema = z.object({
  id: z.string(),
  queryCode: z.string(),
  status: z.string(),
  trackingUrl: z.url(),
});

export const TicketIdParamsSchema = z.strictObject({ id: z.string().regex(/^tkt_[A-Za-z0-9_-]{8,40}$/, 'not a ticket id') });

export const MessageBodySchema = z.strictObject({ body: multiLineText(20_000) });
/** A reply; to a WhatsApp customer it may name an approved template of their channel, sent instead of the text. */
export const ReplyBodySchema = MessageBodySchema.extend({
  template: TemplateNameSchema.optional().describe('WhatsApp: an approved template of the customer’s channel (see the ticket’s `whatsappTemplates`), sent instead of the text; the text stays on the ticket'),
});
export const ClaimBodySchema = z.strictObject({ taskId: z.string().min(1).max(80), memberId: IdSchema.optional() });
export const CompleteBodySchema = z.strictObject({
  taskId: z.string().min(1).max(80),
  outcome: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'expected an outcome name such as "done"'),
});

export const PriorityBodySchema = z.strictObject({
  priority: z.enum(PRIORITIES),
  reason: singleLineText(500).describe('Why: kept on the ticket’s timeline (internal)'),
});

/** A page of events: before a sequence number (the newest when absent), at most `limit`. */
export const EventPageQuerySchema = z.strictObject({
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().describe('Cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
