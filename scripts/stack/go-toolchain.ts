import { spawn, spawnSync } from 'node:child_process';

export type Log = (line: string) => void;

/** Progress goes to stderr so stdout stays usable for machine-readable output. */
export const stderrLog: Log = (line) => process.stderr.write(`${line}\n`);

const TICK_MS = 10_000;
const TAIL_LINES = 40;

/** Version of the `go` on PATH (e.g. `go1.26.8`); throws with install instructions when Go is missing or too old. */
export function requireGo(purpose: string): string {
  const probe = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' });
  const version = probe.status === 0 ? probe.stdout.trim() : undefined;
  const help =
    `Meridian needs ${purpose} and builds it from source once with Go. ` +
    'Install Go ≥ 1.25 from https://go.dev/dl/, or run `docker compose up` instead, ' +
    'or point TEMPORAL_ADDRESS / MONGODB_URI at servers you already run.';
  if (!version) throw new Error(`\`go\` was not found on PATH. ${help}`);
  const [major = 0, minor = 0] = version.replace(/^go/, '').split('.').map(Number);
  // Go ≥ 1.21 fetches the newer toolchain a module asks for by itself (GOTOOLCHAIN=auto); older Go cannot.
  if (major < 1 || (major === 1 && minor < 21)) throw new Error(`${version} is too old. ${help}`);
  return version;
}

export interface GoRun {
  /** What is being built, for progress lines ("FerretDB"). */
  label: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  log: Log;
}

/**
 * Runs one `go` command, printing a progress line every 10 s (elapsed time, packages compiled and modules
 * downloaded, counted from `-v` output) so a long first build never looks like a hang. Resolves with stdout.
 */
export function runGo({ label, args, cwd, env, log }: GoRun): Promise<string> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const seconds = () => Math.round((Date.now() - started) / 1000);
    const progress = new GoProgress();
    const child = spawn('go', args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const ticker = setInterval(() => log(`  … ${label}: ${seconds()} s, ${progress.summary()}`), TICK_MS);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => progress.feed(chunk));
    child.once('error', (err) => {
      clearInterval(ticker);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearInterval(ticker);
      if (code === 0) return resolve(Buffer.concat(stdout).toString('utf8'));
      const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(new Error(`\`go ${args.join(' ')}\` ${why} after ${seconds()} s:\n${progress.tail()}`));
    });
  });
}

/** Counts what `go … -v` reports on stderr and keeps its last lines for error messages. */
class GoProgress {
  private packages = 0;
  private downloads = 0;
  private partial = '';
  private readonly lines: string[] = [];

  feed(chunk: Buffer): void {
    const lines = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('go: downloading ')) this.downloads += 1;
      else if (/^[\w.\-/]+$/.test(line)) this.packages += 1; // `-v` prints one import path per compiled package
      this.lines.push(line);
      if (this.lines.length > TAIL_LINES) this.lines.shift();
    }
  }

  summary(): string {
    const fetched = this.downloads ? `, ${this.downloads} modules downloaded` : '';
    return `${this.packages} packages compiled${fetched}`;
  }

  tail(): string {
    return [...this.lines, this.partial].join('\n').trim();
  }
}
