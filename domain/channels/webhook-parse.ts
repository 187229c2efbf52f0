/**
 * How a webhook delivery becomes normalised items, or a typed refusal naming where the payload is not what the
 * platform documents. Schemas are NOT strict on purpose: platforms add fields without notice, and a new field must
 * never make Meridian drop a customer's message. Unknown event kinds are skipped by the parsers, not refused.
 */
import { z } from 'zod';
import type { Channel, InboundItem } from './channel';

/** One place a payload differs from the documented shape: zod's path and its JSON pointer. */
export interface PayloadIssue {
  path: Array<string | number>;
  pointer: string;
  message: string;
}

export type WebhookParse =
  | { ok: true; items: InboundItem[] }
  | { ok: false; code: 'WEBHOOK_PAYLOAD_INVALID'; channel: Channel; issues: PayloadIssue[] };

/** Thrown by `parseAt` inside a parser and turned into the `ok: false` answer by `parseWebhook`. */
class PayloadShapeError extends Error {
  constructor(readonly issues: PayloadIssue[]) {
    super('webhook payload does not match the documented shape');
  }
}

const escapePointer = (segment: string | number) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1');

function issuesOf(error: z.ZodError, at: Array<string | number>): PayloadIssue[] {
  return error.issues.map((issue) => {
    const path = [...at, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    return { path, pointer: path.map((p) => `/${escapePointer(p)}`).join(''), message: issue.message };
  });
}

/** Parses `value` (found at `at` in the delivery) with `schema`, or aborts the whole parse with the issues' full paths. */
export function parseAt<T>(schema: z.ZodType<T>, value: unknown, at: Array<string | number> = []): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new PayloadShapeError(issuesOf(result.error, at));
  return result.data;
}

/** Runs a platform parser over a JSON body: its items, or every shape issue with its path. */
export function parseWebhook(channel: Channel, run: () => InboundItem[]): WebhookParse {
  try {
    return { ok: true, items: run() };
  } catch (err) {
    if (err instanceof PayloadShapeError) return { ok: false, code: 'WEBHOOK_PAYLOAD_INVALID', channel, issues: err.issues };
    throw err;
  }
}

/** The raw bytes as JSON, or the refusal a non-JSON body gets (pointer "" = the whole document). */
export function jsonOfRawBody(raw: Uint8Array): { ok: true; json: unknown } | { ok: false; issue: PayloadIssue } {
  try {
    return { ok: true, json: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw)) as unknown };
  } catch (err) {
    return { ok: false, issue: { path: [], pointer: '', message: `not UTF-8 JSON: ${(err as Error).message}` } };
  }
}

/** Unix seconds (a number, or the decimal string WhatsApp sends) as epoch milliseconds. */
export const unixSecondsSchema = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,12}$/, 'expected Unix seconds')]).transform((s) => Number(s) * 1000);

/** Epoch milliseconds as Meta and LINE send them. */
export const epochMsSchema = z.number().int().nonnegative();
