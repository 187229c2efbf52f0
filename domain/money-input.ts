/**
 * An amount as a request gives it: integer minor units of an ISO 4217 currency. The OpenAPI document states the types;
 * a well-formed request whose amount is text, fractional, negative, zero or in a currency ISO 4217 does not have is
 * answered 422 INVALID_AMOUNT, one rule for every route that takes money.
 */
import { z } from 'zod';
import { isKnownCurrency } from './messages/money';
import { ruleIssue } from './rules';

export const MoneyInputSchema = z
  .strictObject({
    amount: z.unknown().meta({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Minor units (cents, yen)' }),
    currency: z.unknown().meta({ type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code such as "EUR"' }),
  })
  .superRefine((m, ctx) => {
    if (typeof m.amount !== 'number' || !Number.isSafeInteger(m.amount) || m.amount < 1)
      ctx.addIssue(ruleIssue('INVALID_AMOUNT', ['amount'], 'expected a whole, positive number of minor units (1999 for 19.99)'));
    if (typeof m.currency !== 'string' || !isKnownCurrency(m.currency))
      ctx.addIssue(ruleIssue('INVALID_AMOUNT', ['currency'], 'expected an ISO 4217 currency code such as "EUR"'));
  })
  .transform((m) => ({ minor: m.amount as number, currency: m.currency as string }));
