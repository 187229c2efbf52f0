import type { Payload } from '@temporalio/common';
import { z } from 'zod';

/**
 * One payload as the codec server protocol carries it: proto JSON, bytes in base64. Deliberately not strict: newer
 * servers and UIs add proto fields (e.g. `externalPayloads`) that this codec does not use, and a strict schema would
 * make the UI fail to decode a whole event over them; unknown fields are dropped.
 */
export const JsonPayloadSchema = z.object({
  metadata: z
    .record(z.string().min(1).max(256), z.base64('expected base64'))
    .refine((m) => Object.keys(m).length <= 32, 'at most 32 metadata entries')
    .optional(),
  data: z.base64('expected base64').optional(),
});
export type JsonPayload = z.infer<typeof JsonPayloadSchema>;

/** The body of `/codec/encode`, `/codec/decode` and of their answers: `{ payloads: [...] }`. */
export const CodecBodySchema = z.strictObject({ payloads: z.array(JsonPayloadSchema).max(1000) });

/**
 * `X-Namespace`, sent by the Web UI and the CLI: this codec serves the one namespace Meridian runs in. The CLI sends
 * it empty when no `--namespace` is given, which counts as not sent.
 */
export function codecHeadersSchema(namespace: string) {
  return z.object({
    'x-namespace': z
      .enum([namespace, ''], { error: `this codec serves namespace "${namespace}" only` })
      .optional()
      .describe('The namespace the payloads belong to (sent by the Temporal Web UI and CLI; empty: not sent).'),
  });
}

/** Proto JSON → payload. */
export function fromJsonPayload(p: JsonPayload): Payload {
  const metadata = Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
  return { metadata, data: Buffer.from(p.data ?? '', 'base64') };
}

/** Payload → proto JSON. */
export function toJsonPayload(p: Payload): Required<JsonPayload> {
  const metadata = Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]));
  return { metadata, data: Buffer.from(p.data ?? []).toString('base64') };
}
