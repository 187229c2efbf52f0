/** `npm run meridian -- <command>`: process definitions as files, applied to a running Meridian like kubectl does. */
import { DEFAULT_SERVER_URL, invocationDirectory, loadCliConfig } from '../config/cli-config';
import { ConfigError } from '../config/config';
import { createApiClient, type ApiClient } from './api-client';
import { applyCommand } from './apply.command';
import { CliError, processIo, type CliIo } from './cli-io';
import { parseCliArgs, usageError, type CliArgs, type CommandContext } from './command';
import { diffCommand } from './diff.command';
import { getCommand } from './get.command';

const COMMANDS = { apply: applyCommand, diff: diffCommand, get: getCommand } satisfies Record<string, (ctx: CommandContext) => Promise<number>>;
type CommandName = keyof typeof COMMANDS;

const USAGE = `Usage: npm run meridian -- <command> [flags]

Commands:
  apply -f <file|folder>   validate processes (.yaml, .yml, .json; a folder: each such file, sorted), then store them
  diff -f <file|folder>    show how the files differ from the stored processes (exit 1 when they do)
  get processes            list processes (newest version of each)
  get process <id>         one process; -o yaml or -o json prints all of it

Flags:
  -f, --filename <path>    a file or folder (repeatable)
  -o, --output yaml|json   output format of get
  --server <url>           the API (default: MERIDIAN_URL, else ${DEFAULT_SERVER_URL})
  -h, --help               this text

Environment:
  MERIDIAN_URL             the API's URL
  MERIDIAN_API_KEY         an ops or admin API key (required by every command that calls the API)
`;

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** The context a command runs in: the API client is made once, on first use. */
function commandContext(args: CliArgs, io: CliIo): CommandContext {
  let client: ApiClient | undefined;
  return {
    args,
    io,
    client: () => {
      client ??= createApiClient(loadCliConfig({ server: args.server }, io.env));
      return client;
    },
  };
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(argv);
  if (args.help || args.command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (args.command === undefined) {
    io.stderr(USAGE);
    return 2;
  }
  if (!isCommand(args.command)) throw usageError(`unknown command "${args.command}"`);
  // Settings are checked before any file is read, so a mistyped --server is reported first.
  loadCliConfig({ server: args.server }, io.env);
  return COMMANDS[args.command](commandContext(args, io));
}

/** Runs one command line; returns the exit code. Output goes to `io` (tests capture it). */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`error: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof ConfigError) {
      io.stderr(`error: ${err.problems.join('\n  ')}\n`);
      return 2;
    }
    // A bug: its message only. Nothing here holds the key (it is only ever put in a request header).
    io.stderr(`error: unexpected failure: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (require.main === module) {
  const cwd = invocationDirectory();
  if (cwd) process.chdir(cwd); // relative -f paths are the user's, not the package root npm runs scripts in
  void main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
