import { retryOnDuplicateKey } from '../../models/mongo-errors';
import { QueryCodeModel } from '../../models/query-code.model';
import { deriveQueryCode, hashQueryCode } from './query-code-crypto';

/**
 * The ticket's query code under the current secret, indexed so that it resolves: intake hands it out, and so does
 * every mail that shows it. After a rotation that is the new code (the old one keeps resolving, see resolveQueryCode),
 * so a mail never carries a code nobody indexed. Idempotent: the index entry is written once. Intake passes its
 * request's id: until the workflow has written the ticket, tracking shows the request as received.
 */
export async function issueQueryCode(secret: string, ticketId: string, intakeId?: string): Promise<string> {
  const queryCode = deriveQueryCode(secret, ticketId);
  const codeHash = hashQueryCode(secret, queryCode);
  const entry = { ticketId, ...(intakeId ? { intakeId } : {}) };
  await retryOnDuplicateKey(() => QueryCodeModel.updateOne({ _id: codeHash }, { $setOnInsert: entry }, { upsert: true }));
  return queryCode;
}
