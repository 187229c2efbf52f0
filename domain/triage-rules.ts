import { z } from 'zod';
import { IdSchema } from './region';
import { CUSTOMER_TIERS, PRIORITIES } from './ticket';
import { MAX_PATTERN_LENGTH } from './triage-patterns';
import { ruleIssue } from './rules';
import { singleLineText } from './text';

/** Words per language ("*" applies to every language). */
const WordsByLanguageSchema = z.record(
  z.string().regex(/^(\*|[a-z]{2,3})$/),
  z.array(singleLineText(60)).max(200),
);

/**
 * An RE2 pattern, matched case-insensitively. Whether RE2 accepts it is checked when the rules are saved (422, see
 * triage-patterns.ts), not here: this schema also re-reads stored rules, which must stay readable.
 */
const PatternSchema = z.string().min(1).max(MAX_PATTERN_LENGTH);

export const CategoryRuleSchema = z.strictObject({
  id: IdSchema,
  name: singleLineText(120),
  processId: IdSchema,
  keywords: WordsByLanguageSchema.default({}),
  patterns: z.array(PatternSchema).max(50).default([]),
  /** The least priority tickets of this category get. */
  minPriority: z.enum(PRIORITIES).default('normal'),
});
export type CategoryRule = z.infer<typeof CategoryRuleSchema>;

/** How tickets are categorised and prioritised; one versioned document. */
export const TriageRulesSchema = z
  .strictObject({
    categories: z.array(CategoryRuleSchema).min(1).max(200),
    defaultCategoryId: IdSchema,
    urgentWords: WordsByLanguageSchema.default({}),
    /** The least priority per customer tier. */
    tierMinPriority: z
      .strictObject(Object.fromEntries(CUSTOMER_TIERS.map((t) => [t, z.enum(PRIORITIES)])) as Record<
        (typeof CUSTOMER_TIERS)[number],
        z.ZodEnum<{ [K in (typeof PRIORITIES)[number]]: K }>
      >)
      .partial()
      .default({}),
  })
  .superRefine((r, ctx) => {
    if (!r.categories.some((c) => c.id === r.defaultCategoryId))
      ctx.addIssue(ruleIssue('UNKNOWN_REFERENCE', ['defaultCategoryId'], 'must name one of the categories'));
  });
export type TriageRules = z.infer<typeof TriageRulesSchema>;
