import { MergeSuggestionModel, suggestionPair } from '../../models/merge-suggestion.model';
import { retryOnDuplicateKey } from '../../models/mongo-errors';

/** One identity of a request and the customer who holds it. */
export interface HeldIdentity {
  key: string;
  holder: string;
}

/**
 * Records that one request named identities of `customerId` and of other customers: one suggestion per pair, counted
 * and dated, with the identities seen on each side. A suggestion staff already acted on (merged) is left alone.
 */
export async function recordMergeSuggestions(customerId: string, held: HeldIdentity[], now = new Date()): Promise<void> {
  const mine = held.filter((h) => h.holder === customerId).map((h) => h.key);
  const others = [...new Set(held.map((h) => h.holder).filter((holder) => holder !== customerId))];
  for (const other of others) {
    const theirs = held.filter((h) => h.holder === other).map((h) => h.key);
    const { _id, a, b } = suggestionPair(customerId, other);
    const [identitiesA, identitiesB] = a === customerId ? [mine, theirs] : [theirs, mine];
    await retryOnDuplicateKey(() =>
      MergeSuggestionModel.updateOne(
        { _id },
        {
          $setOnInsert: { customerIds: [a, b], firstSeenAt: now, status: 'open' },
          $addToSet: { identitiesA: { $each: identitiesA }, identitiesB: { $each: identitiesB } },
          $inc: { sightings: 1 },
          $set: { lastSeenAt: now },
        },
        { upsert: true },
      ),
    );
  }
}
