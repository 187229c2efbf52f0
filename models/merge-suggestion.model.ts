import { Schema, model } from 'mongoose';

/** What became of a suggestion: still for staff to look at, merged, or carried over to the survivor of another merge. */
export const SUGGESTION_STATUSES = ['open', 'merged', 'moved'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/**
 * Two customers one request named: an identity of each came in together (a ticket with a new e-mail and a phone another
 * customer holds). Recorded for staff, never merged automatically. One per unordered pair: `_id` is "<a>|<b>", a < b.
 */
export interface MergeSuggestionDoc {
  _id: string;
  /** [a, b], sorted. */
  customerIds: [string, string];
  /** Identity ids ("<kind>:<value>") seen held by a, and by b, in the requests that named both. */
  identitiesA: string[];
  identitiesB: string[];
  sightings: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  status: SuggestionStatus;
  /** The merge that closed it (merged) or carried it to the survivor's pair (moved). */
  mergeId?: string;
  /** Set when a merge created this pair by carrying a source's suggestion over: undoing that merge deletes it. */
  createdByMergeId?: string;
}

const MergeSuggestionSchema = new Schema<MergeSuggestionDoc>(
  {
    _id: { type: String, required: true },
    customerIds: { type: [String], required: true },
    identitiesA: { type: [String], default: [] },
    identitiesB: { type: [String], default: [] },
    sightings: { type: Number, required: true },
    firstSeenAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    status: { type: String, required: true },
    mergeId: { type: String },
    createdByMergeId: { type: String },
  },
  { versionKey: false },
);

// GET /api/customers/merge-suggestions: one status, newest first, ties by _id (the cursor's keys, both one way).
MergeSuggestionSchema.index({ status: 1, firstSeenAt: -1, _id: -1 });
// A merge carrying over or closing the suggestions that name its source (plain equality on an array member).
MergeSuggestionSchema.index({ customerIds: 1 });

export const MergeSuggestionModel = model<MergeSuggestionDoc>('MergeSuggestion', MergeSuggestionSchema, 'merge_suggestions');

/** The pair's id and which side each customer is on. */
export function suggestionPair(x: string, y: string): { _id: string; a: string; b: string } {
  const [a, b] = x < y ? [x, y] : [y, x];
  return { _id: `${a}|${b}`, a, b };
}
