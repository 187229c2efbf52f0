import { randomBytes } from 'node:crypto';
import type { VerifiedProfile } from '../../domain/contact';
import { CustomerIdentityModel, identityKey } from '../../models/customer-identity.model';
import { CustomerModel } from '../../models/customer.model';
import { retryOnDuplicateKey } from '../../models/mongo-errors';

/** The addresses a request gives for the person writing: the customer is found (or created) by them. */
export interface CustomerIdentities {
  email?: string;
  phone?: string;
}

/** Claims an identity for a customer id, or returns the customer that already holds it (race-safe upsert). */
async function claimIdentity(key: string, kind: 'email' | 'phone', customerId: string): Promise<string> {
  const doc = await retryOnDuplicateKey(() =>
    CustomerIdentityModel.findOneAndUpdate({ _id: key }, { $setOnInsert: { kind, customerId, createdAt: new Date() } }, { upsert: true, new: true }).lean(),
  );
  return doc!.customerId;
}

/** The customer a request belongs to, and what staff or a verified channel said about them (if anything). */
export interface FoundCustomer {
  id: string;
  profile?: VerifiedProfile;
}

/**
 * Finds the customer by e-mail or phone, or creates one with nothing but those addresses and the 'standard' tier.
 * What a request says about a name, language or time zone stays on its ticket: an existing customer is left as it is.
 */
export async function findOrCreateCustomer(input: CustomerIdentities): Promise<FoundCustomer> {
  const identities = [
    ...(input.email ? [{ kind: 'email' as const, key: identityKey('email', input.email) }] : []),
    ...(input.phone ? [{ kind: 'phone' as const, key: identityKey('phone', input.phone) }] : []),
  ];
  const candidate = `cus_${randomBytes(9).toString('base64url')}`;
  let customerId: string | null = null;
  for (const identity of identities) {
    const holder = await claimIdentity(identity.key, identity.kind, customerId ?? candidate);
    customerId ??= holder;
  }
  const id = customerId ?? candidate;
  const now = new Date();
  const customer = await retryOnDuplicateKey(() =>
    CustomerModel.findOneAndUpdate(
      { _id: id },
      {
        $setOnInsert: {
          ...(input.email ? { email: input.email } : {}),
          ...(input.phone ? { phone: input.phone } : {}),
          tier: 'standard',
          createdAt: now,
          updatedAt: now,
        },
      },
      { upsert: true, new: true, timestamps: false }, // an existing customer is not touched at all, not even its updatedAt
    ).lean(),
  );
  return { id, ...(customer?.profile ? { profile: customer.profile } : {}) };
}
