import type { ProfileSource } from '../../domain/contact';
import { CustomerModel } from '../../models/customer.model';

/** Fields a verified source may set; each one given replaces the stored value. */
export interface VerifiedProfileChanges {
  name?: string;
  language?: string;
  timeZone?: string;
  regionId?: string;
}

/**
 * The only writer of a customer's profile: what staff, or a channel that has verified the customer's identity, say
 * about them. Anonymous intake never calls it (its claims stay on the ticket). Callers validate the values at their edge
 * (a staff customer API and verified channel identities are still to come). Returns false for an unknown customer.
 */
export async function updateVerifiedProfile(customerId: string, changes: VerifiedProfileChanges, source: ProfileSource): Promise<boolean> {
  const now = new Date();
  const fields = Object.fromEntries(
    Object.entries(changes).flatMap(([field, value]) => (value === undefined ? [] : [[`profile.${field}`, value]])),
  );
  const result = await CustomerModel.updateOne(
    { _id: customerId },
    { $set: { ...fields, 'profile.source': source, 'profile.updatedAt': now, updatedAt: now } },
    { timestamps: false },
  );
  return result.matchedCount === 1;
}
