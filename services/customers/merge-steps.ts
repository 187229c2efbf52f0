/**
 * The steps of a merge, each idempotent: run twice (a retry after a crash), they leave what running once leaves. The
 * merge document records each step once done; `runMergeSteps` runs those not recorded yet, in order.
 */
import { assertNever } from '../../domain/errors';
import { CustomerIdentityModel } from '../../models/customer-identity.model';
import { CustomerMergeModel, MERGE_STEPS, type CustomerMergeDoc, type MergeStep } from '../../models/customer-merge.model';
import { CustomerModel } from '../../models/customer.model';
import { MergeSuggestionModel, suggestionPair, type MergeSuggestionDoc } from '../../models/merge-suggestion.model';
import { retryOnDuplicateKey } from '../../models/mongo-errors';
import { TicketModel } from '../../models/ticket.model';

/** Moves the planned identities still on the source to the survivor. */
async function moveIdentities(m: CustomerMergeDoc): Promise<void> {
  await CustomerIdentityModel.updateMany({ _id: { $in: m.plan.identityIds }, customerId: m.sourceId }, { $set: { customerId: m.survivorId } });
}

/** Moves the planned tickets still on the source to the survivor (the read model's customerId; workflows keep none). */
async function moveTickets(m: CustomerMergeDoc): Promise<void> {
  await TicketModel.updateMany({ _id: { $in: m.plan.ticketIds }, customerId: m.sourceId }, { $set: { customerId: m.survivorId } });
}

/** Carries one of the source's suggestions over: closed when it names the survivor, else moved to the survivor's pair. */
async function carrySuggestion(m: CustomerMergeDoc, s: MergeSuggestionDoc): Promise<void> {
  const sourceIsA = s.customerIds[0] === m.sourceId;
  const other = sourceIsA ? s.customerIds[1] : s.customerIds[0];
  if (other === m.survivorId) {
    await MergeSuggestionModel.updateOne({ _id: s._id }, { $set: { status: 'merged', mergeId: m._id } });
    return;
  }
  const pair = suggestionPair(m.survivorId, other);
  const [fromSource, fromOther] = sourceIsA ? [s.identitiesA, s.identitiesB] : [s.identitiesB, s.identitiesA];
  const [identitiesA, identitiesB] = pair.a === m.survivorId ? [fromSource, fromOther] : [fromOther, fromSource];
  await retryOnDuplicateKey(() =>
    MergeSuggestionModel.updateOne(
      { _id: pair._id },
      {
        $setOnInsert: { customerIds: [pair.a, pair.b], firstSeenAt: s.firstSeenAt, lastSeenAt: s.lastSeenAt, status: 'open', sightings: s.sightings, createdByMergeId: m._id },
        $addToSet: { identitiesA: { $each: identitiesA }, identitiesB: { $each: identitiesB } },
      },
      { upsert: true },
    ),
  );
  await MergeSuggestionModel.updateOne({ _id: s._id }, { $set: { status: 'moved', mergeId: m._id } });
}

async function carrySuggestions(m: CustomerMergeDoc): Promise<void> {
  const suggestions = await MergeSuggestionModel.find({ _id: { $in: m.plan.suggestionIds }, status: 'open' }).lean<MergeSuggestionDoc[]>();
  for (const s of suggestions) await carrySuggestion(m, s);
}

/** Sets on the survivor what it takes from the source; its updatedAt stays (that stamp is for staff writes). */
async function takeProfile(m: CustomerMergeDoc): Promise<void> {
  if (m.plan.taken.length === 0) return;
  const set = Object.fromEntries(m.plan.taken.map((t) => [t.path, t.value]));
  await CustomerModel.updateOne({ _id: m.survivorId }, { $set: set }, { timestamps: false });
}

/**
 * Moves what reached the source while the merge ran (an intake that resolved to it just before its identities moved;
 * on FerretDB, a read-model write that put the old customerId back), adding it to the plan first so an undo knows it;
 * then marks the source merged and the merge done.
 */
async function finish(m: CustomerMergeDoc): Promise<void> {
  const [identities, tickets] = await Promise.all([
    CustomerIdentityModel.find({ customerId: m.sourceId }, { _id: 1 }).lean(),
    TicketModel.find({ customerId: m.sourceId }, { _id: 1 }).lean(),
  ]);
  const late = { identityIds: identities.map((i) => i._id), ticketIds: tickets.map((t) => t._id) };
  if (late.identityIds.length + late.ticketIds.length > 0) {
    await CustomerMergeModel.updateOne({ _id: m._id }, { $addToSet: { 'plan.identityIds': { $each: late.identityIds }, 'plan.ticketIds': { $each: late.ticketIds } } });
    await moveIdentities({ ...m, plan: { ...m.plan, identityIds: late.identityIds } });
    await moveTickets({ ...m, plan: { ...m.plan, ticketIds: late.ticketIds } });
  }
  await CustomerModel.updateOne({ _id: m.sourceId }, { $set: { mergedInto: m.survivorId }, $unset: { pendingMerge: 1 } }, { timestamps: false });
  await CustomerMergeModel.updateOne({ _id: m._id, state: 'applying' }, { $set: { state: 'done', completedAt: new Date() } });
  // Last: until here the survivor's claim leads a retry to this merge (a claim left on a done merge is released).
  await CustomerModel.updateOne({ _id: m.survivorId, pendingMerge: m._id }, { $unset: { pendingMerge: 1 } }, { timestamps: false });
}

/** Runs one step of a merge and records it done. */
export async function applyMergeStep(m: CustomerMergeDoc, step: MergeStep): Promise<void> {
  switch (step) {
    case 'identities':
      await moveIdentities(m);
      break;
    case 'tickets':
      await moveTickets(m);
      break;
    case 'suggestions':
      await carrySuggestions(m);
      break;
    case 'profile':
      await takeProfile(m);
      break;
    case 'finish':
      await finish(m);
      break;
    default:
      assertNever(step);
  }
  await CustomerMergeModel.updateOne({ _id: m._id }, { $addToSet: { steps: step } });
}

/** Runs every step the merge has not recorded yet, in order, and returns the merge as it ends. */
export async function runMergeSteps(mergeId: string): Promise<CustomerMergeDoc> {
  for (const step of MERGE_STEPS) {
    const m = await CustomerMergeModel.findById(mergeId).lean<CustomerMergeDoc>();
    if (!m || m.state !== 'applying') break;
    if (!m.steps.includes(step)) await applyMergeStep(m, step);
  }
  return (await CustomerMergeModel.findById(mergeId).lean<CustomerMergeDoc>())!;
}
