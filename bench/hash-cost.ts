/** The CPU cost of the HMACs one tracking lookup computes (its code's hash under every accepted key). */
import type { Config } from '../config/config';
import { normalizeQueryCode } from '../domain/query-code';
import { acceptedQueryCodeHashes } from '../services/query-codes/query-code-crypto';

/** Mean µs per lookup's hashes over 20,000 runs after 2,000 unmeasured ones. */
export function lookupHashMicros(config: Config, code: string): number {
  const canonical = normalizeQueryCode(code)!;
  const run = () => acceptedQueryCodeHashes(config, canonical);
  for (let i = 0; i < 2_000; i++) run();
  const n = 20_000;
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) run();
  return Number(process.hrtime.bigint() - started) / 1e3 / n;
}
