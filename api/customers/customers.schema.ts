/** The customer API's inputs and answers (for validation, the OpenAPI document and its fuzz checks). */
import { z } from 'zod';
import { CONSENT_CHANNELS } from '../../domain/customers/consent';
import { IDENTITY_KINDS } from '../../domain/customers/identity';
import { IdSchema, TimeZoneSchema } from '../../domain/region';
import { CUSTOMER_TIERS } from '../../domain/ticket';
import { singleLineText } from '../../domain/text';

const CUSTOMER_ID = /^cus_[A-Za-z0-9_-]{8,40}$/;
export const CustomerIdSchema = z.string().regex(CUSTOMER_ID, 'not a customer id (cus_…)');
export const CustomerIdParamsSchema = z.strictObject({ id: CustomerIdSchema });

const limit = z.coerce.number().int().min(1).max(100).default(25);

/** `GET /api/customers`: a search, or every customer; by id, a page at a time. */
export const CustomerSearchQuerySchema = z.strictObject({
  query: z
    .string()
    .max(254)
    .optional()
    .describe('A name prefix (any case, accents ignored), an e-mail address, a phone number (any international spelling) or any channel id'),
  cursor: CustomerIdSchema.optional().describe('nextCursor of the previous page (the same query)'),
  limit,
});

/** A BCP 47 language tag in its canonical case: language, optional script, optional region ("pt-BR", "zh-Hant-TW", "es-419"). */
export const LanguageTagSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$/, 'expected a BCP 47 language tag such as "de", "pt-BR" or "zh-Hant-TW"');

const TagSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected a tag: lower-case letters, digits and dashes, 1–40 characters');

const ConsentInputSchema = z.strictObject({
  granted: z.boolean(),
  how: singleLineText(200).describe('How the customer said so: "web form", "phone call" …'),
  at: z.iso.datetime({ offset: true }).optional().describe('When they said so (default: now)'),
});

/** `PATCH /api/customers/{id}`: what staff verified; each field given replaces the stored one (tags: the whole set). */
export const PatchCustomerBodySchema = z
  .strictObject({
    name: singleLineText(120).optional(),
    regionId: IdSchema.optional().describe('A region that exists (UNKNOWN_REFERENCE otherwise)'),
    timeZone: TimeZoneSchema.optional(),
    language: LanguageTagSchema.optional(),
    tier: z.enum(CUSTOMER_TIERS).optional(),
    tags: z.array(TagSchema).max(20).optional(),
    consent: z.strictObject(Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, ConsentInputSchema.optional()])) as Record<(typeof CONSENT_CHANNELS)[number], z.ZodOptional<typeof ConsentInputSchema>>).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'name at least one field to change' })
  .meta({ minProperties: 1 });
export type PatchCustomerBody = z.infer<typeof PatchCustomerBodySchema>;

/** `POST /api/customers/{id}/merge`. */
export const MergeBodySchema = z
  .strictObject({ sourceId: CustomerIdSchema.describe('The customer merged into the one in the path (it keeps answering GET, with mergedInto)'), reason: singleLineText(500).optional() });

export const MergeParamsSchema = z.strictObject({ id: CustomerIdSchema, mergeId: z.string().regex(/^mrg_[A-Za-z0-9_-]{8,40}$/, 'not a merge id (mrg_…)') });


const isoInstant = z.iso.datetime({ offset: true });
const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last one') });

const ConsentViewSchema = z.object({ granted: z.boolean(), at: isoInstant, how: z.string() }).nullable();

export const CustomerSummarySchema = z.object({
  id: z.string(),
  name: z.string().nullable().describe('Staff-verified name'),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  tier: z.enum(CUSTOMER_TIERS),
  mergedInto: z.string().nullable(),
});
export type CustomerSummary = z.infer<typeof CustomerSummarySchema>;
export const CustomerPageSchema = pageOf(CustomerSummarySchema);

export const CustomerViewSchema = CustomerSummarySchema.extend({
  profile: z
    .object({ name: z.string().nullable(), language: z.string().nullable(), timeZone: z.string().nullable(), regionId: z.string().nullable(), source: z.string(), updatedAt: isoInstant })
    .nullable()
    .describe('What staff or a verified channel said; null until then'),
  tags: z.array(z.string()),
  consent: z.object(Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, ConsentViewSchema])) as Record<(typeof CONSENT_CHANNELS)[number], typeof ConsentViewSchema>),
  identities: z.array(z.object({ id: z.string(), kind: z.enum(IDENTITY_KINDS), value: z.string(), since: isoInstant })),
  createdAt: isoInstant,
  lastSeenAt: isoInstant.describe('Their latest ticket or message'),
  openTickets: z.number().int().min(0).describe('Tickets not resolved or closed (agents: in their departments)'),
  pendingMerge: z.string().nullable().describe('A merge under way that names this customer'),
});
export type CustomerView = z.infer<typeof CustomerViewSchema>;

export const SuggestionQuerySchema = z.strictObject({
  status: z.enum(['open', 'merged', 'moved']).default('open'),
  cursor: z
    .string()
    .regex(/^\d{1,15}~cus_[A-Za-z0-9_-]{8,40}\|cus_[A-Za-z0-9_-]{8,40}$/, 'not a cursor of this list: pass nextCursor of the previous page')
    .optional()
    .describe('nextCursor of the previous page (opaque)'),
  limit,
});

export const SuggestionSchema = z.object({
  id: z.string(),
  customers: z.array(z.object({ id: z.string(), identities: z.array(z.string()).describe('Identities seen held by this customer') })),
  sightings: z.number().int(),
  firstSeenAt: isoInstant,
  lastSeenAt: isoInstant,
  status: z.enum(['open', 'merged', 'moved']),
  mergeId: z.string().nullable(),
});
export const SuggestionPageSchema = pageOf(SuggestionSchema);
