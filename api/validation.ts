import type { RequestHandler } from 'express';
import { z } from 'zod';
import { MeridianError } from '../domain/errors';
import { ruleCodeOf } from '../domain/rules';

export type InputLocation = 'body' | 'query' | 'params' | 'headers';

/** One invalid field: an RFC 6901 JSON pointer into the request and what is wrong with it. */
export interface FieldProblem {
  pointer: string;
  message: string;
}

/** Builds a JSON pointer such as `/body/members/0/email`, escaping `~` and `/` in segments. */
export function toJsonPointer(path: readonly PropertyKey[], where?: InputLocation): string {
  const segments = path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1'));
  return '/' + [...(where ? [where] : []), ...segments].join('/');
}

/** Zod issues as field problems, one per issue. */
export function zodFieldProblems(error: z.ZodError, where?: InputLocation): FieldProblem[] {
  return error.issues.map((issue) => ({ pointer: toJsonPointer(issue.path, where), message: issue.message }));
}

/**
 * Parses request input with `schema`; throws VALIDATION_FAILED (400) with a pointer per issue, or, when every issue
 * is a rule the JSON Schema cannot say (domain/rules.ts), that rule's 422 code.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: InputLocation): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = zodFieldProblems(result.error, where);
  const rules = result.error.issues.map(ruleCodeOf);
  const [first] = rules;
  if (first && rules.every((code) => code !== undefined)) {
    const message = { UNKNOWN_REFERENCE: 'the request refers to something that does not exist', INCONSISTENT_INPUT: 'the request contradicts itself', INVALID_AMOUNT: 'an amount is not valid money', INVALID_IDENTITY: 'an e-mail address, phone number or channel id cannot be one' }[first];
    throw new MeridianError(first, `${message} (${where})`, { errors });
  }
  throw new MeridianError('VALIDATION_FAILED', `invalid request ${where}`, { errors });
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/** Rejects a POST/PUT/PATCH that carries a body in anything but JSON with 415. */
export const requireJsonContentType: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody && !req.is(JSON_TYPES)) {
    throw new MeridianError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
  }
  next();
};
