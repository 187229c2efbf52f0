import { CONSENT_CHANNELS } from '../../domain/customers/consent';
import { CustomerIdentityModel } from '../../models/customer-identity.model';
import type { MergePlan } from '../../models/customer-merge.model';
import type { CustomerDoc } from '../../models/customer.model';
import { MergeSuggestionModel } from '../../models/merge-suggestion.model';
import { TicketModel } from '../../models/ticket.model';

const PROFILE_FIELDS = ['name', 'language', 'timeZone', 'regionId'] as const;

/** The survivor's fields a merge may change, saved whole so an undo puts them back exactly. */
const RESTORED_PATHS = ['email', 'phone', 'profile', 'tags', 'consent', 'nameKey'] as const;

/**
 * What the survivor takes from the source: each profile field, e-mail, phone and consent the survivor lacks, and the
 * source's tags. The survivor's own values always win (staff verified them on the customer that lives on).
 */
export function takenFields(survivor: CustomerDoc, source: CustomerDoc): MergePlan['taken'] {
  const taken: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) {
    const value = source.profile?.[field];
    if (value !== undefined && survivor.profile?.[field] === undefined) taken[`profile.${field}`] = value;
  }
  if (Object.keys(taken).length > 0 && !survivor.profile && source.profile) {
    Object.assign(taken, { 'profile.source': source.profile.source, 'profile.updatedAt': source.profile.updatedAt });
  }
  if (taken['profile.name'] !== undefined && source.nameKey) taken.nameKey = source.nameKey;
  if (source.email && !survivor.email) taken.email = source.email;
  if (source.phone && !survivor.phone) taken.phone = source.phone;
  const tags = [...new Set([...(survivor.tags ?? []), ...(source.tags ?? [])])].sort();
  if (tags.length > (survivor.tags ?? []).length) taken.tags = tags;
  for (const channel of CONSENT_CHANNELS) {
    const record = source.consent?.[channel];
    if (record && !survivor.consent?.[channel]) taken[`consent.${channel}`] = record;
  }
  return Object.entries(taken).map(([path, value]) => ({ path, value }));
}

/** The survivor's restorable fields as they are (null for absent ones). */
export function survivorSnapshot(survivor: CustomerDoc): Record<string, unknown> {
  return Object.fromEntries(RESTORED_PATHS.map((path) => [path, survivor[path] ?? null]));
}

/** Reads what a merge of `source` into `survivor` will move: the source's identities, tickets and open suggestions. */
export async function planMerge(survivor: CustomerDoc, source: CustomerDoc): Promise<MergePlan> {
  const [identities, tickets, suggestions] = await Promise.all([
    CustomerIdentityModel.find({ customerId: source._id }, { _id: 1 }).lean(),
    TicketModel.find({ customerId: source._id }, { _id: 1 }).lean(),
    MergeSuggestionModel.find({ customerIds: source._id, status: 'open' }, { _id: 1 }).lean(),
  ]);
  return {
    identityIds: identities.map((i) => i._id).sort(),
    ticketIds: tickets.map((t) => t._id).sort(),
    suggestionIds: suggestions.map((s) => s._id).sort(),
    taken: takenFields(survivor, source),
    survivorBefore: survivorSnapshot(survivor),
  };
}
