/**
 * `node --import tsx tests/support/stack-child.ts <dataDir>`: starts the embedded stack (persistent, in dataDir) in
 * its own process, prints one JSON line with its addresses and then runs until it is killed. Tests kill it to see
 * what a crashed `npm start` leaves behind.
 */
import { startEmbeddedStack } from '../../scripts/stack/stack';

async function main(dataDir: string): Promise<void> {
  const stack = await startEmbeddedStack({ dataDir, persistent: true, log: () => undefined });
  process.stdout.write(`${JSON.stringify({ temporalAddress: stack.temporalAddress, mongoUri: stack.mongoUri })}\n`);
  setInterval(() => undefined, 60_000);
}

main(process.argv[2] ?? '').catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
