import { Schema, model } from 'mongoose';
import type { VerifiedProfile } from '../domain/contact';
import type { ConsentChannel, ConsentRecord } from '../domain/customers/consent';
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
  /** Staff labels (lower-case slugs). */
  tags?: string[];
  /** What the customer agreed to be contacted by, and when and how they said so (staff record it). */
  consent?: Partial<Record<ConsentChannel, ConsentRecord>>;
  /** `profile.name` folded for search (lower case, no accents): names are found by prefix on an index. */
  nameKey?: string;
  /** Set once a merge finished: this customer lives on as that one (GET still answers, so links resolve). */
  mergedInto?: string | null;
  /** A merge under way that names this customer (source or survivor): another merge waits until it is done. */
  pendingMerge?: string | null;
  createdAt: Date;
  /** Staff writes only (intake and merges leave it): an undo is refused once the survivor changed after its merge. */
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
    tags: { type: [String], default: undefined },
    consent: { type: Schema.Types.Mixed, default: undefined },
    nameKey: { type: String },
    mergedInto: { type: String, default: undefined },
    pendingMerge: { type: String, default: undefined },
  },
  { timestamps: true, versionKey: false },
);

// Customer search by name: a prefix of the folded name (an anchored, case-sensitive regex uses the index).
CustomerSchema.index({ nameKey: 1, _id: 1 });
// Customer search by the e-mail or phone on the record (customers from before identities were kept).
CustomerSchema.index({ email: 1 });
CustomerSchema.index({ phone: 1 });

export const CustomerModel = model<CustomerDoc>('Customer', CustomerSchema, 'customers');
