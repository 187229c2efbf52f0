/**
 * One spelling per identity, so the same person writing twice is found twice: e-mail addresses trimmed and lower-cased,
 * phone numbers in E.164, platform ids trimmed and checked against what each platform issues. A value that cannot be
 * an identity of its kind is refused (null), never guessed at: a wrong identity attaches a message to the wrong
 * customer, which is worse than asking again (Chatwoot merges contacts on loose matches: chatwoot#4728).
 */
import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { assertNever } from '../errors';
import type { Identity, IdentityKind } from './identity';

/** RFC 5321 limits: 254 characters in all, 64 before the @. */
const MAX_EMAIL = 254;
const MAX_LOCAL_PART = 64;
/** Dot-atom local part and a host name with a dot (the form mail systems deliver to; quoted local parts are refused). */
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** An e-mail address trimmed and lower-cased, or null when it is not an address. */
export function normaliseEmail(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  if (value.length > MAX_EMAIL || !EMAIL.test(value)) return null;
  return value.indexOf('@') > MAX_LOCAL_PART ? null : value;
}

/** The E.164 pattern: what the API's schemas state (a number still has to be valid for its country: `normalisePhone`). */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/**
 * A phone number in E.164 (`+4930123456`), or null when it is not a valid number. It must be international (start
 * with + or 00): without a country any guess could name someone else. Spaces, dots, dashes and brackets are ignored;
 * the number must be valid for its country's numbering plan (libphonenumber-js's full metadata), not merely long enough.
 */
export function normalisePhone(raw: string): string | null {
  const trimmed = raw.trim().replace(/^00/, '+');
  if (!trimmed.startsWith('+') || trimmed.length > 40 || !/^\+[\d\s().-]+$/.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed);
  return parsed?.isValid() ? parsed.number : null;
}

/** At most this many numbers are taken from one text (a signature has one or two). */
const MAX_PHONES_IN_TEXT = 5;

/**
 * The valid international numbers (written with + or 00) in a text a person wrote, in E.164, first ones first, quoted
 * lines (`> …`) left out: a signature's "Tel. +62 812-3456-7890". Without a country, a national number is not taken.
 */
export function phonesInText(text: string): string[] {
  const own = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n')
    .replace(/(^|[^\d+])00(?=[1-9])/g, '$1+')
    .slice(0, 20_000);
  const found = findPhoneNumbersInText(own).filter((f) => f.number.isValid()).map((f) => f.number.number);
  return [...new Set(found)].slice(0, MAX_PHONES_IN_TEXT);
}

/** Each platform's ids: what its API issues, with room to spare but nothing else (no spaces, no separators). */
const PLATFORM_ID: Record<Exclude<IdentityKind, 'email' | 'phone' | 'whatsapp'>, RegExp> = {
  messenger: /^\d{5,32}$/, // page-scoped id (PSID): digits
  instagram: /^\d{5,32}$/, // Instagram-scoped id (IGSID): digits
  telegram: /^-?\d{1,20}$/, // user or chat id: a signed 64-bit integer
  line: /^U[0-9a-f]{32}$/, // LINE user id: "U" and 32 hex digits
  webchat: /^[A-Za-z0-9_-]{8,64}$/, // the widget's visitor id (ours): URL-safe
};

/**
 * A WhatsApp id (`wa_id`) is the number's E.164 digits without the +, as the Cloud API sends it and the channel stores
 * it; it must still be a valid number.
 */
function normaliseWhatsapp(raw: string): string | null {
  const digits = raw.trim().replace(/^\+/, '');
  if (!/^\d{7,15}$/.test(digits)) return null;
  return normalisePhone(`+${digits}`)?.slice(1) ?? null;
}

/** An identity's value in its one spelling, or null when it cannot be an identity of that kind. */
export function normaliseIdentityValue(kind: IdentityKind, raw: string): string | null {
  switch (kind) {
    case 'email':
      return normaliseEmail(raw);
    case 'phone':
      return normalisePhone(raw);
    case 'whatsapp':
      return normaliseWhatsapp(raw);
    case 'messenger':
    case 'instagram':
    case 'telegram':
    case 'line':
    case 'webchat': {
      const value = raw.trim();
      return PLATFORM_ID[kind].test(value) ? value : null;
    }
    default:
      return assertNever(kind);
  }
}

/** The identity normalised, or null when its value cannot be one of its kind. */
export function normaliseIdentity(kind: IdentityKind, raw: string): Identity | null {
  const value = normaliseIdentityValue(kind, raw);
  return value === null ? null : { kind, value };
}
