import { parseArgs } from 'node:util';
import type { ApiClient } from './api-client';
import { CliError, type CliIo } from './cli-io';

export const OUTPUT_FORMATS = ['yaml', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The command line, parsed: the command, its words, and the flags every command shares. */
export interface CliArgs {
  command: string | undefined;
  /** The words after the command (`get process <id>` → ['process', '<id>']). */
  words: string[];
  /** `-f` values, in order (repeatable). */
  files: string[];
  server: string | undefined;
  output: OutputFormat | undefined;
  help: boolean;
}

/** What a command runs with; `client()` connects on first use, so files are checked before a key is required. */
export interface CommandContext {
  args: CliArgs;
  io: CliIo;
  client(): ApiClient;
}

/** A mistake in the command line: exit code 2, as shells use for usage errors. */
export function usageError(message: string): CliError {
  return new CliError(`${message} (see meridian --help)`, 2);
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        filename: { type: 'string', short: 'f', multiple: true },
        server: { type: 'string' },
        output: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw usageError(err instanceof Error ? err.message : String(err));
  }
}

/** Parses argv; unknown flags, a missing value and an unknown -o are usage errors. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values, positionals } = parseFlags(argv);
  const output = values.output;
  if (output !== undefined && !OUTPUT_FORMATS.includes(output as OutputFormat)) throw usageError(`-o takes yaml or json, not "${output}"`);
  const [command, ...words] = positionals;
  return {
    command,
    words,
    files: values.filename ?? [],
    server: values.server,
    output: output as OutputFormat | undefined,
    help: values.help ?? false,
  };
}

/** The `-f` paths of apply and diff (at least one). */
export function requireFiles(args: CliArgs): string[] {
  if (args.files.length === 0) throw usageError(`${args.command ?? 'this command'} needs -f <file|folder>`);
  if (args.words.length > 0) throw usageError(`unexpected argument "${args.words[0]}"`);
  return args.files;
}
