/** A dev-stack server that did not come up: which one, why, and the last lines it printed. */
export class ServerStartError extends Error {
  constructor(
    readonly server: string,
    readonly reason: string,
    readonly lastLines: string[] = [],
    readonly commandLine?: string,
  ) {
    const command = commandLine ? `\n  command: ${commandLine}` : '';
    const output = lastLines.length ? `\n  last output of ${server}:\n    ${lastLines.join('\n    ')}` : '';
    super(`${server} ${reason}${command}${output}`);
    this.name = 'ServerStartError';
  }
}

/** The embedded stack did not start; the message names every server that failed and why. */
export class EmbeddedStackError extends Error {
  constructor(readonly failures: Error[]) {
    super(`the embedded stack failed to start:\n${failures.map((f) => `- ${f.message.replace(/\n/g, '\n  ')}`).join('\n')}`);
    this.name = 'EmbeddedStackError';
  }
}

/** Another process (still running) owns the data directory, e.g. a second `npm start`. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(`${dataDir} is in use by another Meridian process (pid ${ownerPid}); stop it first (kill ${ownerPid})`);
    this.name = 'DataDirInUseError';
  }
}

/** The embedded database that was asked for (MERIDIAN_EMBEDDED_DATABASE, the bench's --db) cannot run on this machine. */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly database: string,
    readonly reason: string,
  ) {
    super(`${database} was asked for, and ${reason}`);
    this.name = 'DatabaseUnavailableError';
  }
}
