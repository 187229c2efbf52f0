/** Money as a customer reads it: integer minor units of an ISO 4217 currency, formatted for their locale. */
import { MeridianError } from '../errors';
import type { Money } from './templates';

/**
 * ISO 4217 minor units of the currencies that do not have two. CLDR (what Intl uses by default) differs from ISO for a
 * few (IQD has 3 in ISO, 0 in CLDR): amounts are stored in ISO minor units, so ISO decides how many digits they have.
 */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0,
  XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

let known: ReadonlySet<string> | undefined;
function knownCurrencies(): ReadonlySet<string> {
  known ??= new Set(Intl.supportedValuesOf('currency'));
  return known;
}

/** Whether ISO 4217 (as this runtime knows it) has the currency: "EUR" yes, "eur" and "XYZ" no. */
export function isKnownCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && knownCurrencies().has(code);
}

/** Refuses what cannot be an amount: fractional or unsafe minor units, an unknown currency. */
export function assertMoney(money: Money): void {
  if (!Number.isSafeInteger(money.minor))
    throw new MeridianError('VALIDATION_FAILED', 'an amount is a whole number of minor units', { minor: money.minor });
  if (!isKnownCurrency(money.currency))
    throw new MeridianError('VALIDATION_FAILED', 'unknown ISO 4217 currency', { currency: money.currency });
}

/** "1999 EUR" in de → "19,99 €"; "1500 JPY" in ja → "￥1,500"; "1234500 KWD" in ar → "‏١٬٢٣٤٫٥٠٠ د.ك.‏". */
export function formatMoney(money: Money, locale: string): string {
  assertMoney(money);
  const digits = MINOR_DIGITS[money.currency] ?? 2;
  // Exact for every amount below 2^53 / 10^digits minor units: rounding to `digits` places undoes the division's error.
  const major = money.minor / 10 ** digits;
  return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(major);
}
