import type { Request, Response } from 'express';
import { z } from 'zod';
import { MeridianError } from '../../domain/errors';
import { IdSchema } from '../../domain/region';
import { toConfigResource, type ConfigDoc } from '../../models/config-document';
import type { Role } from '../middleware/auth';
import { parseInput } from '../validation';

/** Who may read and change the configuration. */
export const CONFIG_ROLES: Role[] = ['admin', 'ops'];

export const IdParamsSchema = z.strictObject({ id: IdSchema });

/**
 * `If-Match: "3"`: the version the caller last read (optional). The version is also taken bare (`If-Match: 3`), as
 * people type it with curl; clients that echo the ETag send it quoted.
 */
export const IfMatchHeadersSchema = z.object({
  'if-match': z
    .string()
    .regex(/^(?:"[1-9][0-9]{0,8}"|[1-9][0-9]{0,8})$/, 'expected a quoted version such as "3" (the ETag you read)')
    .optional()
    .describe('Only write if the stored version is this one (the ETag of the last read, "3" or 3); 409 otherwise.'),
});

/** The version in `If-Match`, or undefined when the caller did not send one. */
export function parseIfMatch(req: Request): number | undefined {
  const headers = parseInput(IfMatchHeadersSchema, { 'if-match': req.get('if-match') }, 'headers');
  return headers['if-match'] === undefined ? undefined : Number(headers['if-match'].replace(/"/g, ''));
}

/** A PUT must not rename: the id in the body has to be the id in the path (422: the document cannot say it). */
export function assertBodyIdMatches(pathId: string, bodyId: string): void {
  if (pathId !== bodyId) {
    throw new MeridianError('INCONSISTENT_INPUT', 'the body id must equal the id in the path', {
      errors: [{ pointer: '/body/id', message: `expected "${pathId}"` }],
    });
  }
}

/** Sends a stored configuration object with its version as a strong ETag. */
export function sendConfig<T>(res: Response, doc: ConfigDoc<T>, status = 200): void {
  res.status(status).setHeader('ETag', `"${doc.version}"`);
  res.json(toConfigResource(doc));
}

/** The response schema of a stored object (for the OpenAPI document). */
export function resourceSchema<S extends z.ZodObject>(schema: S) {
  return z.object({ ...schema.shape, version: z.number().int().min(1), updatedAt: z.iso.datetime({ offset: true }) });
}

/** Error responses every authenticated config route can give (for the OpenAPI document). */
export const AUTH_ERRORS = {
  401: { description: 'No, unknown or revoked API key' },
  403: { description: 'The key’s role may not do this' },
} as const;

/** Error responses of a config write. */
export const WRITE_ERRORS = {
  ...AUTH_ERRORS,
  400: { description: 'Invalid path, body or If-Match (pointer per field), or a body that does not decompress' },
  409: { description: 'If-Match does not name the stored version' },
  413: { description: 'Body larger than 64 kB' },
  415: { description: 'Body is not application/json, or its Content-Encoding is not gzip, deflate or br' },
  422: { description: 'The body refers to objects that do not exist (UNKNOWN_REFERENCE), or contradicts itself or the path (INCONSISTENT_INPUT)' },
} as const;

/** Error responses of a write without If-Match (a POST): WRITE_ERRORS but the 409. */
export const POST_ERRORS = (({ 409: _ifMatch, ...rest }) => rest)(WRITE_ERRORS);

/** The 422 of a write whose body has rules no JSON Schema can state: what they are. */
export function writeRules(rules: string): { 422: { description: string } } {
  return { 422: { description: `Well formed, but breaks a rule the schema cannot state (a pointer per field): ${rules}` } };
}
