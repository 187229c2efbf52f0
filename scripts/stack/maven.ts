import { spawn, spawnSync } from 'node:child_process';
import type { Log } from './go-toolchain';

const TICK_MS = 10_000;
const TAIL_LINES = 40;

/** First line of `mvn --version` (e.g. `Apache Maven 3.8.7`); throws with install instructions when Maven is missing. */
export function requireMaven(purpose: string): string {
  const probe = spawnSync('mvn', ['--version', '-B'], { encoding: 'utf8' });
  // eslint-disable-next-line no-control-regex -- Maven 3.8 colours its banner even in batch mode
  const version = probe.status === 0 ? probe.stdout.replace(/\x1b\[[0-9;]*m/g, '').split('\n')[0]?.trim() : undefined;
  if (!version) {
    throw new Error(
      `\`mvn\` was not found on PATH. Meridian needs ${purpose} and fetches it once from Maven Central with Maven. ` +
        'Install Maven and a Java runtime (e.g. `apt-get install maven openjdk-17-jre-headless`, `brew install maven`).',
    );
  }
  return version;
}

export interface MavenRun {
  /** What is being fetched, for progress lines. */
  label: string;
  pom: string;
  args: string[];
  log: Log;
}

/**
 * Runs Maven in batch mode on one pom, printing a progress line every 10 s (elapsed time and artifacts downloaded)
 * so a first download never looks like a hang. Rejects with the last lines of Maven's output when it fails.
 */
export function runMaven({ label, pom, args, log }: MavenRun): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const seconds = () => Math.round((Date.now() - started) / 1000);
    const argv = ['-B', '-Dstyle.color=never', '-f', pom, ...args];
    const child = spawn('mvn', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let partial = '';
    let downloads = 0;
    const feed = (chunk: Buffer) => {
      const split = (partial + chunk.toString('utf8')).split('\n');
      partial = split.pop() ?? '';
      for (const line of split) {
        if (line.startsWith('Downloaded from ')) downloads += 1;
        lines.push(line);
        if (lines.length > TAIL_LINES) lines.shift();
      }
    };
    child.stdout.on('data', feed);
    child.stderr.on('data', feed);
    const ticker = setInterval(() => log(`  … ${label}: ${seconds()} s, ${downloads} artifacts downloaded`), TICK_MS);
    child.once('error', (err) => {
      clearInterval(ticker);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearInterval(ticker);
      if (code === 0) return resolve();
      const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const tail = [...lines, partial].join('\n').trim();
      reject(new Error(`\`mvn ${argv.join(' ')}\` ${why} after ${seconds()} s:\n${tail}`));
    });
  });
}
