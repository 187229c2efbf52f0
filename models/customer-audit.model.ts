import { Schema, model } from 'mongoose';
import type { Actor } from '../domain/ticket-events';

/** One field a staff write changed: its value before and after (null: absent). */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Who changed a customer record, when, and what: written before the change itself, so no change goes unrecorded. */
export interface CustomerAuditDoc {
  _id: string;
  customerId: string;
  at: Date;
  actor: Actor;
  action: 'profile.updated';
  changes: FieldChange[];
}

const CustomerAuditSchema = new Schema<CustomerAuditDoc>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { type: Schema.Types.Mixed, required: true },
    action: { type: String, required: true },
    changes: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, minimize: false },
);

// A customer's audit trail, newest first.
CustomerAuditSchema.index({ customerId: 1, at: -1 });

export const CustomerAuditModel = model<CustomerAuditDoc>('CustomerAudit', CustomerAuditSchema, 'customer_audit');
