import { Schema, model } from 'mongoose';
import type { VerifiedProfile } from '../domain/contact';
import type { CustomerTier } from '../domain/ticket';

/** One customer across channels (minimal CRM record for now). */
export interface CustomerDoc {
  _id: string;
  email?: string;
  phone?: string;
  /** Set by staff (the CRM record); intake creates every customer as 'standard' and never changes it. */
  tier: CustomerTier;
  /** What staff or a verified channel identity said (services/customers/verified-profile.ts); absent until then. */
  profile?: VerifiedProfile;
  /**
   * Written by intake before tickets kept their own claims: what the customer's first request said, never verified.
   * Read only as the claim of tickets opened back then (services/customers/contact-preferences.ts).
   */
  name?: string;
  regionId?: string;
  timeZone?: string;
  language?: string;
  createdAt: Date;
  updatedAt: Date;
}

const VerifiedProfileSchema = new Schema<VerifiedProfile>(
  {
    name: { type: String },
    language: { type: String },
    timeZone: { type: String },
    regionId: { type: String },
    source: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { _id: false },
);

const CustomerSchema = new Schema<CustomerDoc>(
  {
    _id: { type: String, required: true },
    email: { type: String },
    phone: { type: String },
    tier: { type: String, required: true, default: 'standard' },
    profile: { type: VerifiedProfileSchema, default: undefined },
    name: { type: String },
    regionId: { type: String },
    timeZone: { type: String },
    language: { type: String },
  },
  { timestamps: true, versionKey: false },
);

export const CustomerModel = model<CustomerDoc>('Customer', CustomerSchema, 'customers');
