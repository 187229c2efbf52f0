/** What tracking answers for one query code, and the reads it is made of (the cache in tracked-code-cache.ts holds these). */

/** The ticket a query code points at (the intake request too, until the ticket is written). */
export interface TrackedTicketRef {
  ticketId: string;
  intakeId?: string;
}

/** The answer for one query code, with what it was rendered from and when those reads started. */
export interface TrackedCode {
  /** The code's ticket, or null when no ticket has this code (the answer is then a 404). */
  ticket: TrackedTicketRef | null;
  /** The tracking view as JSON, or null for a 404. */
  body: string | null;
  /** What the ticket read looked like, in brief (stampOf); renewing re-reads it and renders again when it changed. */
  stamp: string;
  /** When the reads behind this answer started (the cache's clock): the answer is no older than that. */
  readStartedAtMs: number;
  /** When the customer's language and time zone were last read. */
  preferencesReadAtMs: number;
}

/** The reads an answer is made of; the cache decides when to make them. */
export interface TrackedCodeSource {
  /** The ticket that a code's accepted hashes (current key first; or the current one alone) point at, or null. */
  resolve(acceptedHashes: string[]): Promise<TrackedTicketRef | null>;
  /** Reads everything the answer for `ref` shows and renders it (null: a 404 after the same reads). */
  render(ref: TrackedTicketRef | null, startedAtMs: number): Promise<TrackedCode>;
  /** The stamp of `ref`'s ticket as it is now: one small read (null: the same read of a ticket no code has). */
  stamp(ref: TrackedTicketRef | null): Promise<string>;
}

/** Answers tracking lookups (the cache, or straight reads when it is off). */
export interface TrackingAnswers {
  /** The answer for the code whose current hash is `key`; `acceptedHashes` gives every hash it may be indexed under. */
  answer(key: string, acceptedHashes: () => string[]): Promise<TrackedCode>;
  /** Makes the next lookup of `key` read again (after the customer's own action through this process). */
  expire(key: string): void;
}

/** Every lookup reads the database: what tracking costs without the cache (the bench measures both). */
export function uncachedAnswers(source: TrackedCodeSource, clock: () => number): TrackingAnswers {
  return {
    async answer(_key, acceptedHashes) {
      const startedAtMs = clock();
      return source.render(await source.resolve(acceptedHashes()), startedAtMs);
    },
    expire() {},
  };
}
