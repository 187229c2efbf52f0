import { stringify } from 'yaml';
import { ProcessBodySchema } from '../domain/processes/process';
import { withoutServerFields } from './process-manifests';

/** YAML as the CLI prints it: no folded lines, no anchors for repeated values. */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/**
 * A process body as `diff` compares it: without the server's fields, with the schema's defaults and field order (so
 * `outcomes: [done]` written out equals it left to its default). A body this build's schema does not take (a server
 * with newer step kinds) is compared as it is.
 */
export function canonicalProcessYaml(value: unknown): string {
  const body = withoutServerFields(value);
  const parsed = ProcessBodySchema.safeParse(body);
  return toYaml(parsed.success ? parsed.data : body);
}
