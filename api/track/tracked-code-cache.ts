import { LRUCache } from 'lru-cache';
import type { TrackedCode, TrackedCodeSource, TrackingAnswers } from './tracked-code';

/** One LRU's bounds: entries, and bytes as entries estimate themselves (entryBytes). */
export interface CacheLimits {
  maxEntries: number;
  maxBytes: number;
}

export interface TrackCacheOptions {
  /** No answer reflects reads that started longer ago than this: the longest a customer can see a stale status. */
  maxAgeMs: number;
  /** Past this age an answer is still served, while a background read renews it, so polled codes rarely wait. */
  refreshAfterMs: number;
  /** How long a customer's language and zone are reused while their ticket does not change. */
  preferencesMaxAgeMs: number;
  /** Codes that have a ticket: their rendered views, bounded in entries and bytes. */
  issued: CacheLimits;
  /** Codes that have none. Apart from the issued ones, so a client cycling random codes only ever evicts its own. */
  unknown: CacheLimits;
  /** Monotonic milliseconds (freshness is elapsed time, not wall time). */
  clock: () => number;
}

/** A held answer; after `expire`, only answers whose reads started at `notBeforeMs` or later are served or kept. */
interface Held {
  answer: TrackedCode;
  notBeforeMs: number;
}

/** Bytes an entry takes besides its view: key (64 hex characters), object, ids, stamp, map slot; rounded up. */
const ENTRY_OVERHEAD_BYTES = 400;
/** An entry's size: its view counted at two bytes a character (V8 stores non-Latin-1 strings that way). */
const entryBytes = ({ answer }: Held, key: string) => ENTRY_OVERHEAD_BYTES + 2 * (key.length + (answer.body?.length ?? 0));

/** An LRU bounded both ways; an entry over an eighth of the bytes is not kept, so one huge view cannot empty it. */
const heldAnswers = (limits: CacheLimits) =>
  new LRUCache<string, Held>({ max: limits.maxEntries, maxSize: limits.maxBytes, maxEntrySize: Math.floor(limits.maxBytes / 8), sizeCalculation: entryBytes });

/**
 * The tracking answers of recently looked-up codes, keyed by the code's hash under the current key. Every answer served
 * reflects reads that started at most `maxAgeMs` before the request arrived; older ones are renewed with one `_id`
 * reads, and rendered again only when what they show changed. Issued and unknown codes cost alike at each step: a code
 * not held makes the same reads either way (tracking-reads.ts), a held one is answered from memory, and renewing takes
 * the same two reads. So what a lookup costs depends on when the code was last looked up, not on whether it exists. At most one
 * read per code is in flight; concurrent lookups share it.
 */
export class TrackedCodeCache implements TrackingAnswers {
  private readonly issued: LRUCache<string, Held>;
  private readonly unknown: LRUCache<string, Held>;
  private readonly inflight = new Map<string, { startedAtMs: number; answer: Promise<TrackedCode> }>();

  constructor(
    private readonly source: TrackedCodeSource,
    private readonly options: TrackCacheOptions,
  ) {
    this.issued = heldAnswers(options.issued);
    this.unknown = heldAnswers(options.unknown);
  }

  /** The answer for the code whose current hash is `key`; `acceptedHashes` gives every hash it may be indexed under. */
  async answer(key: string, acceptedHashes: () => string[]): Promise<TrackedCode> {
    const now = this.options.clock();
    const held = this.issued.get(key) ?? this.unknown.get(key);
    if (!held) {
      return this.read(key, now, 0, async (startedAtMs) => this.source.render(await this.source.resolve(acceptedHashes()), startedAtMs));
    }
    const { answer: cached, notBeforeMs } = held;
    const renew = (startedAtMs: number) => this.renew(key, cached, startedAtMs);
    const age = now - cached.readStartedAtMs;
    if (cached.readStartedAtMs < notBeforeMs || age >= this.options.maxAgeMs) return this.read(key, now, notBeforeMs, renew);
    if (age >= this.options.refreshAfterMs) this.read(key, now, notBeforeMs, renew).catch(() => undefined);
    return cached;
  }

  /**
   * Makes the next lookup of `key` read again, ignoring any read that started before now: after a customer's own
   * action through this process, so they see its outcome at once rather than within `maxAgeMs`.
   */
  expire(key: string): void {
    const held = this.issued.get(key) ?? this.unknown.get(key);
    if (held) (held.answer.ticket ? this.issued : this.unknown).set(key, { ...held, notBeforeMs: this.options.clock() });
    this.inflight.delete(key);
  }

  /** Entries and estimated bytes held, per kind of code. */
  stats() {
    return { issued: { entries: this.issued.size, bytes: this.issued.calculatedSize }, unknown: { entries: this.unknown.size, bytes: this.unknown.calculatedSize } };
  }

  /**
   * The same answer as of `startedAtMs` when nothing it shows changed, else a new one. The same two `_id` reads, in
   * parallel, for issued and unknown codes, so renewing costs alike (the bench showed one read of each kind apart
   * making an issued code's renewals 3× slower): the code's index entry under the current key (where a code issued
   * since then is) and its ticket's stamp (a ticket no code has, for an unknown code).
   */
  private async renew(key: string, cached: TrackedCode, startedAtMs: number): Promise<TrackedCode> {
    const [ref, stamp] = await Promise.all([this.source.resolve([key]), this.source.stamp(cached.ticket)]);
    // An unknown code's answer is re-rendered as often as an issued one's: when its preferences are old, or it was issued since.
    const preferencesRecent = startedAtMs - cached.preferencesReadAtMs < this.options.preferencesMaxAgeMs;
    if (stamp === cached.stamp && preferencesRecent && (cached.ticket || !ref)) return { ...cached, readStartedAtMs: startedAtMs };
    return this.source.render(cached.ticket ?? ref, startedAtMs);
  }

  /**
   * Joins the read in flight for `key` if it started less than `maxAgeMs` before `now` and not before `notBeforeMs`
   * (its answer is then recent enough), else starts `load`; keeps the answer unless a newer one is held by then.
   */
  private read(key: string, now: number, notBeforeMs: number, load: (startedAtMs: number) => Promise<TrackedCode>): Promise<TrackedCode> {
    const current = this.inflight.get(key);
    if (current && current.startedAtMs >= notBeforeMs && now - current.startedAtMs < this.options.maxAgeMs) return current.answer;
    const startedAtMs = this.options.clock();
    const answer = load(startedAtMs).then((fresh) => this.keep(key, fresh));
    const flight = { startedAtMs, answer };
    this.inflight.set(key, flight);
    const done = () => {
      if (this.inflight.get(key) === flight) this.inflight.delete(key);
    };
    answer.then(done, done);
    return answer;
  }

  /** Holds `fresh` unless what is held is newer, or was expired after `fresh`'s reads started; returns `fresh`. */
  private keep(key: string, fresh: TrackedCode): TrackedCode {
    const held = this.issued.get(key) ?? this.unknown.get(key);
    if (held && (held.answer.readStartedAtMs > fresh.readStartedAtMs || held.notBeforeMs > fresh.readStartedAtMs)) return fresh;
    (fresh.ticket ? this.unknown : this.issued).delete(key);
    (fresh.ticket ? this.issued : this.unknown).set(key, { answer: fresh, notBeforeMs: held?.notBeforeMs ?? 0 });
    return fresh;
  }
}
