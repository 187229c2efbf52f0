/**
 * Rules a JSON Schema cannot say: one field against another (a lead must be a member, a `next` must name a step), or a
 * name that must exist (a time zone). Schemas mark such a check's issues with `params.rule`; a request whose only
 * problems are rules is well formed, so it is answered 422 with the rule's code rather than 400 (api/validation.ts),
 * and the OpenAPI document, which cannot state these rules, documents that 422.
 */
import type { z } from 'zod';

export type RuleCode = 'UNKNOWN_REFERENCE' | 'INCONSISTENT_INPUT' | 'INVALID_AMOUNT' | 'INVALID_IDENTITY';

/** Options for `.refine(…, rule(...))`: the message and the code. */
export function rule(code: RuleCode, message: string, path?: PropertyKey[]) {
  return { message, params: { rule: code }, ...(path ? { path } : {}) };
}

/** An issue for `ctx.addIssue` inside `superRefine`. */
export function ruleIssue(code: RuleCode, path: PropertyKey[], message: string) {
  return { code: 'custom' as const, path, message, params: { rule: code } };
}

/** The rule code of an issue, or undefined for a schema issue. */
export function ruleCodeOf(issue: z.core.$ZodIssue): RuleCode | undefined {
  const params = (issue as { params?: { rule?: unknown } }).params;
  const codes: readonly unknown[] = ['UNKNOWN_REFERENCE', 'INCONSISTENT_INPUT', 'INVALID_AMOUNT', 'INVALID_IDENTITY'] satisfies RuleCode[];
  return codes.includes(params?.rule) ? (params?.rule as RuleCode) : undefined;
}
