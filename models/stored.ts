import type { z } from 'zod';
import { MeridianError } from '../domain/errors';

/**
 * Re-validates a stored body on the way out, so readers get current defaults and typed values.
 * A stored body that no longer validates is a server fault (500), never the caller's 400.
 */
export function parseStored<S extends z.ZodType>(schema: S, body: unknown, kind: string, id: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new MeridianError('INTERNAL', `stored ${kind} "${id}" is invalid`, {
    issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
  });
}
