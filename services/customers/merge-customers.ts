import { randomBytes } from 'node:crypto';
import { MeridianError } from '../../domain/errors';
import type { Actor } from '../../domain/ticket-events';
import { CustomerMergeModel, type CustomerMergeDoc } from '../../models/customer-merge.model';
import { CustomerModel, type CustomerDoc } from '../../models/customer.model';
import { planMerge } from './merge-plan';
import { runMergeSteps } from './merge-steps';

async function customerOrNotFound(id: string): Promise<CustomerDoc> {
  const customer = await CustomerModel.findById(id).lean<CustomerDoc>();
  if (!customer) throw new MeridianError('CUSTOMER_NOT_FOUND', `customer ${id} not found`);
  return customer;
}

function assertNotMerged(customer: CustomerDoc): void {
  if (customer.mergedInto) throw new MeridianError('CUSTOMER_MERGED', `customer ${customer._id} is already merged into ${customer.mergedInto}`, { mergedInto: customer.mergedInto });
}

/**
 * The merge a customer's `pendingMerge` names, if it is still under way. A pendingMerge whose merge document was never
 * written (a crash between the claim and the plan) is released, so the customer is not locked for ever.
 */
async function pendingMergeOf(customer: CustomerDoc): Promise<CustomerMergeDoc | null> {
  if (!customer.pendingMerge) return null;
  const m = await CustomerMergeModel.findById(customer.pendingMerge).lean<CustomerMergeDoc>();
  if (m && (m.state === 'applying' || m.state === 'undoing')) return m;
  await CustomerModel.updateOne({ _id: customer._id, pendingMerge: customer.pendingMerge }, { $unset: { pendingMerge: 1 } }, { timestamps: false });
  return null;
}

/** Claims both customers for one merge (or undo); false when either is taken by another one meanwhile (nothing kept). */
export async function claimCustomers(ids: readonly string[], mergeId: string): Promise<boolean> {
  const claimed: string[] = [];
  for (const id of ids) {
    const result = await CustomerModel.updateOne({ _id: id, pendingMerge: { $exists: false }, mergedInto: { $exists: false } }, { $set: { pendingMerge: mergeId } }, { timestamps: false });
    if (result.matchedCount === 0) {
      await CustomerModel.updateMany({ _id: { $in: claimed }, pendingMerge: mergeId }, { $unset: { pendingMerge: 1 } }, { timestamps: false });
      return false;
    }
    claimed.push(id);
  }
  return true;
}

/**
 * Starts merging `sourceId` into `survivorId`: claims both and writes the merge document with its plan (what moves,
 * what the survivor takes, the survivor's fields before), before anything moves. Returns the merge under way (a merge
 * of the same pair already under way, after a crash or a timeout, is returned to be resumed). Refuses unknown customers
 * (404), merged ones (409) and a customer under another merge (409).
 */
export async function beginMerge(survivorId: string, sourceId: string, actor: Actor, reason?: string): Promise<CustomerMergeDoc> {
  const [survivor, source] = [await customerOrNotFound(survivorId), await customerOrNotFound(sourceId)];
  const [survivorPending, sourcePending] = [await pendingMergeOf(survivor), await pendingMergeOf(source)];
  const pending = sourcePending ?? survivorPending; // checked first: a merge that crashed while finishing has a merged source
  if (pending) {
    if (pending.state === 'applying' && pending.sourceId === sourceId && pending.survivorId === survivorId) return pending;
    throw new MeridianError('MERGE_IN_PROGRESS', `customer ${pending.sourceId === sourceId || pending.survivorId === sourceId ? sourceId : survivorId} is in another merge: try again once it is done`, { mergeId: pending._id });
  }
  assertNotMerged(source);
  assertNotMerged(survivor);
  const mergeId = `mrg_${randomBytes(9).toString('base64url')}`;
  if (!(await claimCustomers([survivorId, sourceId], mergeId))) throw new MeridianError('MERGE_IN_PROGRESS', 'one of the customers was claimed by another merge meanwhile: try again');
  // Read again under the claim: nothing but this merge changes them now (staff changes wait: MERGE_IN_PROGRESS).
  const [lockedSurvivor, lockedSource] = await Promise.all([CustomerModel.findById(survivorId).lean<CustomerDoc>(), CustomerModel.findById(sourceId).lean<CustomerDoc>()]);
  const plan = await planMerge(lockedSurvivor!, lockedSource!);
  const doc: CustomerMergeDoc = { _id: mergeId, survivorId, sourceId, state: 'applying', actor, ...(reason ? { reason } : {}), plan, steps: [], createdAt: new Date() };
  await CustomerMergeModel.create(doc);
  return doc;
}

/** Merges `sourceId` into `survivorId` (or finishes that merge if one is under way): begin, then every step. */
export async function mergeCustomers(survivorId: string, sourceId: string, actor: Actor, reason?: string): Promise<CustomerMergeDoc> {
  const m = await beginMerge(survivorId, sourceId, actor, reason);
  return runMergeSteps(m._id);
}
