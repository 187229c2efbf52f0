/** Jest global teardown: stops the servers global-setup.ts started and removes their data directory. */
import fs from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const handle = globalThis.__meridianTestStack;
  if (!handle) return;
  globalThis.__meridianTestStack = undefined;
  await handle.stack.stop();
  await fs.rm(handle.dataDir, { recursive: true, force: true });
}
