import type { Secrets } from '../../config/derived-keys';
import { retryOnDuplicateKey } from '../../models/mongo-errors';
import { QueryCodeModel, type QueryCodeDoc } from '../../models/query-code.model';
import { acceptedQueryCodeHashes } from './query-code-crypto';

/**
 * The index entry of a canonical query code (its ticket, and the intake request until the ticket is written), or null.
 * Looks the code's hash up under the current key and under every key a rotation still accepts; a code found only under
 * an older key is indexed under the current one too, so it keeps working once the previous secret is retired (README,
 * "Rotating the secret").
 */
export async function resolveQueryCode(secrets: Secrets, canonicalCode: string): Promise<QueryCodeDoc | null> {
  return resolveQueryCodeHashes(acceptedQueryCodeHashes(secrets, canonicalCode));
}

/**
 * resolveQueryCode for a code's accepted hashes (QueryCodeHasher.accepted), current first. Reads all of them at once,
 * whatever the first answers: an issued code then costs the same reads as an unknown one, so the time of a lookup
 * does not tell them apart, and an unknown code waits for one round trip rather than one per key.
 */
export async function resolveQueryCodeHashes(hashes: string[]): Promise<QueryCodeDoc | null> {
  const found = await Promise.all(hashes.map((hash) => QueryCodeModel.findById(hash).lean()));
  const index = found.findIndex((entry) => entry !== null);
  const entry = found[index];
  if (!entry) return null;
  const current = hashes[0];
  if (index > 0 && current) {
    await retryOnDuplicateKey(() =>
      QueryCodeModel.updateOne({ _id: current }, { $setOnInsert: { ticketId: entry.ticketId, ...(entry.intakeId ? { intakeId: entry.intakeId } : {}) } }, { upsert: true }),
    );
  }
  return entry;
}
