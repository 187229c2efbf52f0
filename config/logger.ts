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
