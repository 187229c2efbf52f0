/**
 * Jest global setup: starts an in-memory Temporal dev server and the embedded database the stack chooses (FerretDB
 * on a throwaway PostgreSQL cluster when PostgreSQL is installed, else on SQLite in a fresh temp dir) on free ports,
 * in parallel, unless TEMPORAL_ADDRESS / MONGODB_URI point at servers already. Workers inherit the env set here.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startEmbeddedStack, type EmbeddedStack } from '../../scripts/stack/stack';

export interface TestStackHandle {
  stack: EmbeddedStack;
  dataDir: string;
}

declare global {
  // Read by global-teardown.ts, which runs in the same process.
  var __meridianTestStack: TestStackHandle | undefined;
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-test-'));
  try {
    const stack = await startEmbeddedStack({ dataDir, persistent: false, ui: false });
    globalThis.__meridianTestStack = { stack, dataDir };
    process.env.TEMPORAL_ADDRESS = stack.temporalAddress;
    process.env.MONGODB_URI = stack.mongoUri;
    const what = stack.started.length ? `started ${stack.started.join(' + ')}` : 'using TEMPORAL_ADDRESS and MONGODB_URI';
    process.stderr.write(`\nmeridian test stack: ${what} in ${Date.now() - started} ms\n`);
  } catch (err) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  process.env.MERIDIAN_SECRET ??= randomBytes(24).toString('hex'); // 48 characters, fresh per run
  process.env.TZ ??= 'UTC'; // processes run in UTC (STYLE §11); zone math must never depend on the host
}
