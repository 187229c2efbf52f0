/** Where a command writes, and what it reads from its surroundings; tests pass their own to capture output. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The environment (MERIDIAN_URL, MERIDIAN_API_KEY); default: the process's. */
  env?: NodeJS.ProcessEnv;
}

/** A failure the user can act on: printed as `error: <message>`, then the command exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The terminal's streams. */
export function processIo(): CliIo {
  return { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };
}
