import { Schema, model } from 'mongoose';
import type { IdentityKind } from '../domain/customers/identity';

/**
 * A channel identity (e-mail, E.164 phone, WhatsApp id, PSID …) pointing at one customer.
 * `_id` is "<kind>:<normalised value>", so an upsert is the atomic "find or claim" for concurrent intakes.
 */
export interface CustomerIdentityDoc {
  _id: string;
  kind: IdentityKind;
  customerId: string;
  createdAt: Date;
}

const CustomerIdentitySchema = new Schema<CustomerIdentityDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    customerId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

// Customer 360 (later issue): list a customer's identities.
CustomerIdentitySchema.index({ customerId: 1 });

export const CustomerIdentityModel = model<CustomerIdentityDoc>('CustomerIdentity', CustomerIdentitySchema, 'customer_identities');
