/**
 * Undoing a merge puts back exactly what it moved and took, which is only possible while nothing new was written to
 * the survivor since: a new ticket or identity, a staff change, or another merge into it would have to be split
 * between the two customers by guessing. Such an undo is refused (409) with the reason; staff then fix it by hand.
 */
import { MeridianError } from '../../domain/errors';
import type { Actor } from '../../domain/ticket-events';
import { CustomerIdentityModel } from '../../models/customer-identity.model';
import { CustomerMergeModel, type CustomerMergeDoc } from '../../models/customer-merge.model';
import { CustomerModel, type CustomerDoc } from '../../models/customer.model';
import { MergeSuggestionModel } from '../../models/merge-suggestion.model';
import { TicketModel } from '../../models/ticket.model';
import { claimCustomers } from './merge-customers';

/** Why the survivor can no longer be split back exactly, or null when it can. */
export async function undoBlocker(m: CustomerMergeDoc, survivor: CustomerDoc): Promise<string | null> {
  const since = m.createdAt;
  if (survivor.mergedInto) return `customer ${survivor._id} was itself merged into ${survivor.mergedInto} since`;
  if (survivor.updatedAt > since) return 'staff changed the customer’s profile since the merge';
  const [ticket, identity, later] = await Promise.all([
    TicketModel.findOne({ customerId: survivor._id, createdAt: { $gt: since }, _id: { $nin: m.plan.ticketIds } }, { _id: 1 }).lean(),
    CustomerIdentityModel.findOne({ customerId: survivor._id, createdAt: { $gt: since }, _id: { $nin: m.plan.identityIds } }, { _id: 1 }).lean(),
    CustomerMergeModel.findOne({ survivorId: survivor._id, createdAt: { $gt: since }, state: { $in: ['applying', 'done', 'undoing'] } }, { _id: 1 }).lean(),
  ]);
  if (ticket) return `ticket ${ticket._id} was opened for the customer since the merge`;
  if (identity) return `identity ${identity._id} was added to the customer since the merge`;
  if (later) return `merge ${later._id} into the customer came after this one: undo it first`;
  return null;
}

/** Puts back the survivor's fields as they were before the merge ($unset those that were absent). */
async function restoreSurvivor(m: CustomerMergeDoc): Promise<void> {
  const before = Object.entries(m.plan.survivorBefore);
  const set = Object.fromEntries(before.filter(([, v]) => v !== null));
  const unset = Object.fromEntries(before.filter(([, v]) => v === null).map(([path]) => [path, 1]));
  await CustomerModel.updateOne({ _id: m.survivorId }, { $set: set, $unset: unset }, { timestamps: false });
}

/** The idempotent steps of an undo, in order: everything back to the source, then the source lives again. */
async function runUndoSteps(m: CustomerMergeDoc, actor: Actor): Promise<void> {
  await CustomerIdentityModel.updateMany({ _id: { $in: m.plan.identityIds }, customerId: m.survivorId }, { $set: { customerId: m.sourceId } });
  await TicketModel.updateMany({ _id: { $in: m.plan.ticketIds }, customerId: m.survivorId }, { $set: { customerId: m.sourceId } });
  await MergeSuggestionModel.deleteMany({ createdByMergeId: m._id });
  await MergeSuggestionModel.updateMany({ mergeId: m._id }, { $set: { status: 'open' }, $unset: { mergeId: 1 } });
  await restoreSurvivor(m);
  await CustomerModel.updateOne({ _id: m.sourceId }, { $unset: { mergedInto: 1, pendingMerge: 1 } }, { timestamps: false });
  await CustomerMergeModel.updateOne({ _id: m._id, state: 'undoing' }, { $set: { state: 'undone', undoneAt: new Date(), undoneBy: actor } });
  await CustomerModel.updateOne({ _id: m.survivorId, pendingMerge: m._id }, { $unset: { pendingMerge: 1 } }, { timestamps: false });
}

/**
 * Undoes merge `mergeId` of survivor `survivorId` (or finishes an undo under way): refuses an unknown merge (404), one
 * not done yet or undone already, and one whose survivor changed since (409, with why).
 */
export async function undoMerge(survivorId: string, mergeId: string, actor: Actor): Promise<CustomerMergeDoc> {
  const m = await CustomerMergeModel.findById(mergeId).lean<CustomerMergeDoc>();
  if (!m || m.survivorId !== survivorId) throw new MeridianError('MERGE_NOT_FOUND', `customer ${survivorId} has no merge ${mergeId}`);
  if (m.state === 'applying') throw new MeridianError('MERGE_IN_PROGRESS', 'the merge is still under way: retry it to finish it first');
  if (m.state === 'undone') throw new MeridianError('UNDO_REFUSED', 'this merge was undone already', { reason: 'undone already' });
  if (m.state === 'done') {
    const survivor = await CustomerModel.findById(survivorId).lean<CustomerDoc>();
    const claimed = survivor?.pendingMerge === mergeId; // an undo that crashed right after its claim
    if (survivor?.pendingMerge && !claimed) throw new MeridianError('MERGE_IN_PROGRESS', 'the customer is in another merge: try again once it is done');
    const blocker = survivor ? await undoBlocker(m, survivor) : 'the customer is gone';
    if (blocker) throw new MeridianError('UNDO_REFUSED', `cannot undo the merge: ${blocker}`, { reason: blocker });
    // The source is marked merged; the claim only needs the survivor (the source takes no writes while merged).
    if (!claimed && !(await claimCustomers([survivorId], mergeId))) throw new MeridianError('MERGE_IN_PROGRESS', 'the customer was claimed by another merge meanwhile: try again');
    const moved = await CustomerMergeModel.updateOne({ _id: mergeId, state: 'done' }, { $set: { state: 'undoing' } });
    if (moved.matchedCount === 0) throw new MeridianError('MERGE_IN_PROGRESS', 'the merge changed meanwhile: try again');
  }
  await runUndoSteps({ ...m, state: 'undoing' }, actor);
  return (await CustomerMergeModel.findById(mergeId).lean<CustomerMergeDoc>())!;
}
