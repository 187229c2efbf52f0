import pino, { type Logger } from 'pino';

/** Paths never written to logs: credentials, contact data, message bodies. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'apiKey',
  'token',
  'secret',
  'secretKey',
  'password',
  'email',
  'phone',
  'body',
  'text',
  'queryCode',
  '*.email',
  '*.phone',
  '*.name',
  '*.body',
  '*.text',
  '*.queryCode',
  '*.authorization',
  '*.secret',
  '*.secretKey',
  '*.token',
  'customer',
  'to',
  '*.to',
];

/** Builds the process logger; pass `destination` to capture output in tests. */
export function createLogger(
  options: { level?: string; name?: string } = {},
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      name: options.name ?? 'meridian',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export type { Logger };

const EMAIL = /[^\s@"'<>(){}[\],;:]+@[^\s@"'<>(){}[\],;:]+\.[A-Za-z]{2,}/g;
const PHONE = /\+\d{7,15}/g;
const DUP_KEY = /dup key: \{.*\}/g;

/** Removes contact data from free text (error messages can quote stored values, e.g. a duplicate key). */
export function scrubText(text: string): string {
  return text.replace(DUP_KEY, 'dup key: [redacted]').replace(EMAIL, '[email]').replace(PHONE, '[phone]');
}

/** An error reduced to what is safe to log: type, code, and message and stack with contact data removed. */
export function loggableError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const code = (err as { code?: unknown }).code;
  return { type: err.name, ...(code !== undefined ? { code } : {}), message: scrubText(err.message), stack: scrubText(err.stack ?? '') };
}
