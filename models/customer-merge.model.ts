import { Schema, model } from 'mongoose';
import type { Actor } from '../domain/ticket-events';

/**
 * Where a merge is: applying its steps, done, being undone, undone. Only `done` is final; a retry resumes the others.
 */
export const MERGE_STATES = ['applying', 'done', 'undoing', 'undone'] as const;
export type MergeState = (typeof MERGE_STATES)[number];

/** The steps of a merge, in order; each is idempotent, and the merge records each once done. */
export const MERGE_STEPS = ['identities', 'tickets', 'suggestions', 'profile', 'finish'] as const;
export type MergeStep = (typeof MERGE_STEPS)[number];

/** What a merge moves and takes, fixed before anything moves (the finishing step adds what arrived meanwhile). */
export interface MergePlan {
  identityIds: string[];
  ticketIds: string[];
  /** Open suggestions that named the source: closed (with the survivor) or carried over to the survivor's pair. */
  suggestionIds: string[];
  /** Survivor fields set from the source (only where the survivor had none), by stored path (a list: FerretDB stores no dotted keys). */
  taken: Array<{ path: string; value: unknown }>;
  /** The survivor's fields before, for an undo: stored path → value (null: absent). */
  survivorBefore: Record<string, unknown>;
}

/** One merge of a source customer into a survivor: written with its plan before any data moves. */
export interface CustomerMergeDoc {
  _id: string;
  survivorId: string;
  sourceId: string;
  state: MergeState;
  actor: Actor;
  reason?: string;
  plan: MergePlan;
  steps: MergeStep[];
  createdAt: Date;
  completedAt?: Date;
  undoneAt?: Date;
  undoneBy?: Actor;
}

const CustomerMergeSchema = new Schema<CustomerMergeDoc>(
  {
    _id: { type: String, required: true },
    survivorId: { type: String, required: true },
    sourceId: { type: String, required: true },
    state: { type: String, required: true },
    actor: { type: Schema.Types.Mixed, required: true },
    reason: { type: String },
    plan: { type: Schema.Types.Mixed, required: true },
    steps: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    completedAt: { type: Date },
    undoneAt: { type: Date },
    undoneBy: { type: Schema.Types.Mixed },
  },
  { versionKey: false, minimize: false },
);

// A customer's merges as survivor (timeline, undo's "merged again since" check), newest first.
CustomerMergeSchema.index({ survivorId: 1, createdAt: -1 });
// A customer's merge as source (timeline of a merged customer).
CustomerMergeSchema.index({ sourceId: 1, createdAt: -1 });

export const CustomerMergeModel = model<CustomerMergeDoc>('CustomerMerge', CustomerMergeSchema, 'customer_merges');
