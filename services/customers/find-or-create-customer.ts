import { randomBytes } from 'node:crypto';
import type { Region } from '../../domain/region';
import type { CustomerTier } from '../../domain/ticket';
import { CustomerIdentityModel, identityKey } from '../../models/customer-identity.model';
import { CustomerModel } from '../../models/customer.model';
import { retryOnDuplicateKey } from '../../models/mongo-errors';

/** Who a request says is writing: found by e-mail or phone, created on first contact. */
export interface CustomerClaim {
  name: string;
  email?: string;
  phone?: string;
  regionId: string;
  timeZone?: string;
  language?: string;
  tier: CustomerTier;
}

/** Claims an identity for a customer id, or returns the customer that already holds it (race-safe upsert). */
async function claimIdentity(key: string, kind: 'email' | 'phone', customerId: string): Promise<string> {
  const doc = await retryOnDuplicateKey(() =>
    CustomerIdentityModel.findOneAndUpdate({ _id: key }, { $setOnInsert: { kind, customerId, createdAt: new Date() } }, { upsert: true, new: true }).lean(),
  );
  return doc!.customerId;
}

/** Finds the customer by e-mail or phone, or creates them (profile defaults come from the region). */
export async function findOrCreateCustomer(input: CustomerClaim, region: Region): Promise<string> {
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
  await retryOnDuplicateKey(() =>
    CustomerModel.updateOne(
      { _id: id },
      {
        $setOnInsert: {
          name: input.name,
          ...(input.email ? { email: input.email } : {}),
          ...(input.phone ? { phone: input.phone } : {}),
          regionId: region.id,
          timeZone: input.timeZone ?? region.calendar.timeZone,
          language: input.language ?? region.defaultLanguage,
          tier: input.tier,
        },
      },
      { upsert: true, timestamps: true },
    ),
  );
  return id;
}
