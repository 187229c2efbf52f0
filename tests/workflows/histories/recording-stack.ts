/**
 * What the history recorders share: the release to record for (`--release <name>`, else package.json's version) and
 * its folder, an embedded stack of their own for the run, and a script's exit code.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startEmbeddedStack } from '../../../scripts/stack/stack';
import { FIXTURE_PAYLOAD_KEYS } from './fixture-payload-keys';

export function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i === -1 ? undefined : args[i + 1];
}

/** tests/workflows/histories/v<release>/, created: the release named by `--release`, else the package's version. */
export async function releaseDir(args: string[]): Promise<string> {
  const release = argValue(args, '--release') ?? JSON.parse(await fs.readFile(path.join(__dirname, '../../../package.json'), 'utf8')).version;
  const dir = path.join(__dirname, `v${release}`);
  await fs.mkdir(dir, { recursive: true });
  return dir;
}

/** Runs `record` against a fresh embedded Temporal and database (payloads encrypted with the fixture keys), then stops it. */
export async function withRecordingStack(record: () => Promise<void>): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-record-'));
  const stack = await startEmbeddedStack({ dataDir, persistent: false, ui: false });
  process.env.TEMPORAL_ADDRESS = stack.temporalAddress;
  process.env.MONGODB_URI = stack.mongoUri;
  process.env.MERIDIAN_SECRET ??= randomBytes(24).toString('hex');
  process.env.TEMPORAL_PAYLOAD_KEYS = FIXTURE_PAYLOAD_KEYS; // so the replay test can decrypt what is recorded
  process.env.TZ = 'UTC';
  try {
    await record();
  } finally {
    await stack.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

/** Runs a recorder's main and exits: 0 when it recorded, 1 with its error on stderr otherwise. */
export function runRecorder(name: string, main: (args: string[]) => Promise<void>): void {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
