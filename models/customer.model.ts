import { Schema, model } from 'mongoose';
import type { CustomerTier } from '../domain/ticket';

/** One customer across channels (minimal CRM record for now). */
export interface CustomerDoc {
  _id: string;
  name: string;
  email?: string;
  phone?: string;
  regionId: string;
  timeZone: string;
  language: string;
  tier: CustomerTier;
  createdAt: Date;
  updatedAt: Date;
}

const CustomerSchema = new Schema<CustomerDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    email: { type: String },
    phone: { type: String },
    regionId: { type: String, required: true },
    timeZone: { type: String, required: true },
    language: { type: String, required: true },
    tier: { type: String, required: true },
  },
  { timestamps: true, versionKey: false },
);

export const CustomerModel = model<CustomerDoc>('Customer', CustomerSchema, 'customers');
