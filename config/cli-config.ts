import { z } from 'zod';
import { ConfigError, DEFAULT_HTTP_PORT } from './config';

/** Where `npm run meridian` finds the API when neither --server nor MERIDIAN_URL says. */
export const DEFAULT_SERVER_URL = `http://127.0.0.1:${DEFAULT_HTTP_PORT}`;

const ServerUrlSchema = z
  .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL such as http://127.0.0.1:3000' })
  .transform((u) => u.replace(/\/+$/, ''));

/** The environment the CLI reads; issues never repeat a value (the key must not reach the terminal). */
const CliEnvSchema = z.object({
  MERIDIAN_URL: z.preprocess((v) => (v === '' ? undefined : v), ServerUrlSchema.optional()),
  MERIDIAN_API_KEY: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
    z.string().regex(/^[\x21-\x7e]+$/, 'expected one token of printable characters (no spaces)').optional(),
  ),
});

export interface CliConfig {
  /** The API's base URL, without a trailing slash. */
  serverUrl: string;
  /** An ops or admin API key; undefined when MERIDIAN_API_KEY is unset (commands that call the API refuse to start). */
  apiKey: string | undefined;
}

/** The CLI's connection settings: `--server` over MERIDIAN_URL over the default, and MERIDIAN_API_KEY. */
export function loadCliConfig(flags: { server?: string }, env: NodeJS.ProcessEnv = process.env): CliConfig {
  const parsed = CliEnvSchema.extend({ server: ServerUrlSchema.optional() }).safeParse({ ...env, server: flags.server });
  if (!parsed.success) {
    const name = (path: PropertyKey[]) => (path[0] === 'server' ? '--server' : String(path[0] ?? '(env)'));
    throw new ConfigError(parsed.error.issues.map((i) => `${name(i.path)}: ${i.message}`));
  }
  const { server, MERIDIAN_URL, MERIDIAN_API_KEY } = parsed.data;
  return { serverUrl: server ?? MERIDIAN_URL ?? DEFAULT_SERVER_URL, apiKey: MERIDIAN_API_KEY };
}

/**
 * The folder the user ran `npm run meridian` in: npm runs scripts in the package's root and says where it was called
 * from in INIT_CWD, so that `-f ./processes` means what the user typed. Undefined when not run through npm.
 */
export function invocationDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.INIT_CWD || undefined;
}
