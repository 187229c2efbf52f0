/**
 * The identity fields of API bodies: the pattern goes into the OpenAPI document (a malformed value is a 400); a value of
 * the right form that is still no identity (a number outside its country's plan) is INVALID_IDENTITY, 422.
 */
import { z } from 'zod';
import { rule } from '../rules';
import { E164_PATTERN, normaliseEmail, normalisePhone } from './normalise';

/** A phone number in E.164, valid for its country's numbering plan; parsed to its one spelling. */
export const PhoneSchema = z
  .string()
  .regex(E164_PATTERN, { message: 'expected an E.164 phone number such as +4930123456', abort: true })
  .refine((v) => normalisePhone(v) !== null, rule('INVALID_IDENTITY', 'not a phone number: no such number in its country’s numbering plan'))
  .transform((v) => normalisePhone(v) ?? v);

/** An e-mail address, lower-cased. */
export const EmailSchema = z
  .email()
  .max(254)
  .refine((v) => normaliseEmail(v) !== null, rule('INVALID_IDENTITY', 'not an e-mail address mail can be delivered to'))
  .transform((v) => normaliseEmail(v) ?? v);
