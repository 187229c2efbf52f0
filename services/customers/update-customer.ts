import { randomBytes } from 'node:crypto';
import type { ConsentChannel, ConsentRecord } from '../../domain/customers/consent';
import { nameKey } from '../../domain/customers/name-key';
import { MeridianError } from '../../domain/errors';
import type { CustomerTier } from '../../domain/ticket';
import type { Actor } from '../../domain/ticket-events';
import { CustomerAuditModel, type FieldChange } from '../../models/customer-audit.model';
import { CustomerModel, type CustomerDoc } from '../../models/customer.model';

/** What staff change on a customer record (validated at the API's edge: the region exists, the zone and tag are valid). */
export interface CustomerChanges {
  name?: string;
  regionId?: string;
  timeZone?: string;
  language?: string;
  tier?: CustomerTier;
  tags?: string[];
  consent?: Partial<Record<ConsentChannel, ConsentRecord>>;
}

const PROFILE_FIELDS = ['name', 'regionId', 'timeZone', 'language'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Each field whose value the changes alter, with its stored path, before and after. */
function fieldChanges(customer: CustomerDoc, changes: CustomerChanges): Array<FieldChange & { path: string }> {
  const out: Array<FieldChange & { path: string }> = [];
  const add = (field: string, path: string, from: unknown, to: unknown) => {
    if (to !== undefined && !same(from, to)) out.push({ field, path, from: from ?? null, to });
  };
  for (const f of PROFILE_FIELDS) add(f, `profile.${f}`, customer.profile?.[f], changes[f]);
  add('tier', 'tier', customer.tier, changes.tier);
  add('tags', 'tags', customer.tags ?? [], changes.tags ? [...new Set(changes.tags)].sort() : undefined);
  for (const [channel, record] of Object.entries(changes.consent ?? {})) {
    add(`consent.${channel}`, `consent.${channel}`, customer.consent?.[channel as ConsentChannel], record);
  }
  return out;
}

/**
 * Applies what staff verified to a customer (profile fields marked `source: staff`, tier, tags, consent), recording who
 * changed what in `customer_audit` first, so no change is ever unrecorded. Returns the fields that changed (none: nothing
 * written). A merged customer is read-only (CUSTOMER_MERGED: change its survivor); one being merged waits (MERGE_IN_PROGRESS).
 */
export async function updateCustomer(customerId: string, changes: CustomerChanges, actor: Actor, now = new Date()): Promise<FieldChange[]> {
  const customer = await CustomerModel.findById(customerId).lean<CustomerDoc>();
  if (!customer) throw new MeridianError('CUSTOMER_NOT_FOUND', `customer ${customerId} not found`);
  if (customer.mergedInto) throw new MeridianError('CUSTOMER_MERGED', `customer ${customerId} was merged into ${customer.mergedInto}: change that one`, { mergedInto: customer.mergedInto });
  if (customer.pendingMerge) throw new MeridianError('MERGE_IN_PROGRESS', `customer ${customerId} is being merged: try again in a moment`, { mergeId: customer.pendingMerge });
  const changed = fieldChanges(customer, changes);
  if (changed.length === 0) return [];
  const set: Record<string, unknown> = Object.fromEntries(changed.map((c) => [c.path, c.to]));
  if (changed.some((c) => c.path.startsWith('profile.'))) Object.assign(set, { 'profile.source': 'staff', 'profile.updatedAt': now });
  if (changes.name !== undefined) set.nameKey = nameKey(changes.name);
  const audit = changed.map(({ field, from, to }) => ({ field, from, to }));
  await CustomerAuditModel.create({ _id: `aud_${randomBytes(9).toString('base64url')}`, customerId, at: now, actor, action: 'profile.updated', changes: audit });
  const untouched = { _id: customerId, mergedInto: { $exists: false }, pendingMerge: { $exists: false } };
  const result = await CustomerModel.updateOne(untouched, { $set: { ...set, updatedAt: now } }, { timestamps: false });
  if (result.matchedCount === 0) throw new MeridianError('MERGE_IN_PROGRESS', `customer ${customerId} is being merged: try again in a moment`);
  return audit;
}
