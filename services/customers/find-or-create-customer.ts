import { randomBytes } from 'node:crypto';
import type { VerifiedProfile } from '../../domain/contact';
import { identityKey, type Identity, type IdentityKind } from '../../domain/customers/identity';
import { CustomerIdentityModel } from '../../models/customer-identity.model';
import { CustomerModel } from '../../models/customer.model';
import { retryOnDuplicateKey } from '../../models/mongo-errors';
import { recordMergeSuggestions, type HeldIdentity } from './merge-suggestions';

/** The addresses a request gives for the person writing: the customer is found (or created) by them. */
export interface CustomerIdentities {
  email?: string;
  phone?: string;
  /** Identities on other channels (a WhatsApp id, a Telegram user id …), already normalised. */
  others?: Identity[];
  /**
   * Identities the request only mentions (a phone in an e-mail signature): never claimed for anyone; one another
   * customer holds makes a merge suggestion.
   */
  seen?: Identity[];
}

/** Claims an identity for a customer id, or returns the customer that already holds it (race-safe upsert). */
async function claimIdentity(key: string, kind: IdentityKind, customerId: string): Promise<string> {
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
 * Finds the customer by the first identity someone holds (e-mail, phone, then the others), or creates one with nothing
 * but its e-mail and phone and the 'standard' tier; identities nobody holds yet are claimed for it. An identity another
 * customer holds stays theirs: the pair is recorded as a merge suggestion for staff, never merged here.
 * What a request says about a name, language or time zone stays on its ticket: an existing customer is left as it is.
 */
export async function findOrCreateCustomer(input: CustomerIdentities): Promise<FoundCustomer> {
  const identities: Identity[] = [
    ...(input.email ? [{ kind: 'email' as const, value: input.email }] : []),
    ...(input.phone ? [{ kind: 'phone' as const, value: input.phone }] : []),
    ...(input.others ?? []),
  ];
  const candidate = `cus_${randomBytes(9).toString('base64url')}`;
  let customerId: string | null = null;
  const held: HeldIdentity[] = [];
  for (const identity of identities) {
    const key = identityKey(identity);
    const holder = await claimIdentity(key, identity.kind, customerId ?? candidate);
    customerId ??= holder;
    held.push({ key, holder });
  }
  const id = customerId ?? candidate;
  for (const identity of input.seen ?? []) {
    const key = identityKey(identity);
    const holder = (await CustomerIdentityModel.findById(key, { customerId: 1 }).lean())?.customerId;
    if (holder) held.push({ key, holder });
  }
  await recordMergeSuggestions(id, held);
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
  // Merged while this request was on its way (its identities moved on since): the survivor answers for it.
  if (customer?.mergedInto) {
    const survivor = await CustomerModel.findById(customer.mergedInto, { profile: 1 }).lean();
    return { id: customer.mergedInto, ...(survivor?.profile ? { profile: survivor.profile } : {}) };
  }
  return { id, ...(customer?.profile ? { profile: customer.profile } : {}) };
}
