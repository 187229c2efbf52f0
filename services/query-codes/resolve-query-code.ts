import type { Secrets } from '../../config/derived-keys';
import { retryOnDuplicateKey } from '../../models/mongo-errors';
import { QueryCodeModel, type QueryCodeDoc } from '../../models/query-code.model';
import { acceptedQueryCodeHashes } from './query-code-crypto';

/**
 * The index entry of a canonical query code (its ticket, and the intake request until the ticket is written), or null. Tries the code's hash under the current key first, then
 * under the keys a rotation still accepts; a code found under an older key is indexed under the current one too, so
 * it keeps working once the previous secret is retired (README, "Rotating the secret").
 */
export async function resolveQueryCode(secrets: Secrets, canonicalCode: string): Promise<QueryCodeDoc | null> {
  const hashes = acceptedQueryCodeHashes(secrets, canonicalCode);
  for (const [index, hash] of hashes.entries()) {
    const entry = await QueryCodeModel.findById(hash).lean();
    if (!entry) continue;
    const current = hashes[0];
    if (index > 0 && current) {
      await retryOnDuplicateKey(() =>
        QueryCodeModel.updateOne({ _id: current }, { $setOnInsert: { ticketId: entry.ticketId, ...(entry.intakeId ? { intakeId: entry.intakeId } : {}) } }, { upsert: true }),
      );
    }
    return entry;
  }
  return null;
}
