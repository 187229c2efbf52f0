import mongoose from 'mongoose';
import { isDuplicateKeyError, retryOnDuplicateKey } from './mongo-errors';

/**
 * Rate-limit counts shared by every API process: `<key>|<windowStart>` holds a running count, `<key>|<windowStart>|<n>`
 * marks that the n-th request of the window was let through. Only `_id` lookups and inserts, the operations FerretDB
 * pushes down. Not a mongoose model: syncIndexes would drop the TTL index below, which FerretDB cannot create anyway.
 */
interface RateLimitHitDoc {
  _id: string;
  n?: number;
  expiresAt: Date;
}

const COLLECTION = 'rate_limit_hits';
/** MongoDB's NotImplemented: FerretDB 1.x has no TTL indexes. */
const NOT_IMPLEMENTED = 238;

function hits() {
  return mongoose.connection.collection<RateLimitHitDoc>(COLLECTION);
}

/** Per database: whether its server expires documents itself (TTL index created) or this process sweeps them. */
const expiry = new Map<string, Promise<'ttl' | 'sweep'>>();
let nextSweepMs = 0;

/** TTL index on expiresAt (the end of the window): MongoDB deletes a window's documents itself once it is over. */
async function ensureExpiry(): Promise<'ttl' | 'sweep'> {
  const database = mongoose.connection.name;
  let mode = expiry.get(database);
  if (!mode) {
    mode = hits()
      .createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expiresAt_ttl' })
      .then(
        () => 'ttl' as const,
        (err: unknown) => {
          if ((err as { code?: unknown }).code === NOT_IMPLEMENTED) return 'sweep' as const;
          expiry.delete(database); // a connection problem: try again with the next request
          throw err;
        },
      );
    expiry.set(database, mode);
  }
  return mode;
}

/** Without TTL indexes: at most once per window per process, delete the documents of windows that are over. */
function sweepEnded(nowWindowStartMs: number, windowMs: number): void {
  if (nowWindowStartMs < nextSweepMs) return;
  nextSweepMs = nowWindowStartMs + windowMs;
  hits()
    .deleteMany({ expiresAt: { $lte: new Date(nowWindowStartMs) } })
    .catch(() => undefined); // best effort: the next window tries again
}

/**
 * Counts one request of `key` in the window and returns its rank (limit + 1 or more once past the limit).
 * `$inc` gives a first guess: exact on MongoDB, but FerretDB applies it as read-then-write, so concurrent requests
 * can read the same count and lose increments. The rank is therefore settled by inserting the slot document of that
 * guess and, when another request holds it, the next one up: `_id` uniqueness is atomic on both servers, so no two
 * requests ever hold the same slot and at most `limit` requests per window get through, however many processes count.
 */
export async function countRateLimitHit(key: string, windowStartMs: number, windowMs: number, limit: number): Promise<number> {
  const mode = await ensureExpiry();
  if (mode === 'sweep') sweepEnded(windowStartMs, windowMs);
  const base = `${key}|${windowStartMs}`;
  const expiresAt = new Date(windowStartMs + windowMs);
  const counter = await retryOnDuplicateKey(() =>
    hits().findOneAndUpdate({ _id: base }, { $inc: { n: 1 }, $setOnInsert: { expiresAt } }, { upsert: true, returnDocument: 'after' }),
  );
  const guess = Math.max(1, counter?.n ?? 1);
  if (guess > limit) return guess;
  for (let slot = guess; slot <= limit; slot += 1) {
    try {
      await hits().insertOne({ _id: `${base}|${slot}`, expiresAt });
      return slot;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  return limit + 1;
}
