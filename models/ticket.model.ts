import { Schema, model } from 'mongoose';
import type { ApprovalStatus } from '../domain/approvals/approval';
import type { ContactClaim } from '../domain/contact';
import type { Channel } from '../domain/ticket';
import type { RefundRequest } from '../domain/ticket-case';
import type { TicketEventType } from '../domain/ticket-events';
import type { TicketSnapshot } from '../domain/ticket-snapshot';

/** A customer-visible event kept on the ticket, so tracking reads one document (public messages carry their body). */
export interface PublicTimelineEntry {
  seq: number;
  type: TicketEventType;
  at: Date;
  data: { body?: string };
}

/** The ticket read model: what lists, the staff view and tracking read, kept current by the workflow. */
export interface TicketDoc extends TicketSnapshot {
  _id: string;
  customerId: string;
  regionId: string;
  channel: Channel;
  subject: string;
  description: string;
  /** What the request that opened the ticket said about the person writing, as claimed (absent on older tickets). */
  contact?: ContactClaim;
  /** The refund the request asked for (amount in minor units of an ISO 4217 currency, the gateway's payment id). */
  refund?: RefundRequest | null;
  /** The customer's platform account the request is about. */
  accountId?: string | null;
  /** "pending" until the workflow is started; lists hide pending tickets. */
  intake: 'pending' | 'started';
  lastEventSeq: number;
  /** Every department that held a task of this ticket (their agents keep read access). */
  departmentIds?: string[];
  publicTimeline: PublicTimelineEntry[];
  createdAt: Date;
  updatedAt: Date;
}

const TicketSchema = new Schema<TicketDoc>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    regionId: { type: String, required: true },
    channel: { type: String, required: true },
    subject: { type: String, required: true },
    description: { type: String, required: true },
    contact: { type: new Schema<ContactClaim>({ name: String, language: String, timeZone: String }, { _id: false }), default: undefined },
    intake: { type: String, required: true },
    status: { type: String, required: true },
    attention: { type: Schema.Types.Mixed, default: null },
    language: { type: String, default: null },
    categoryId: { type: String, default: null },
    priority: { type: String, required: true },
    processId: { type: String, default: null },
    processVersion: { type: Number, default: null },
    slaPolicyId: { type: String, default: null },
    task: { type: Schema.Types.Mixed, default: null },
    tasks: { type: Schema.Types.Mixed, default: [] },
    step: { type: Schema.Types.Mixed, default: null },
    approvals: { type: Schema.Types.Mixed, default: [] },
    survey: { type: Schema.Types.Mixed, default: null },
    refund: { type: Schema.Types.Mixed, default: null },
    accountId: { type: String, default: null },
    sla: { type: Schema.Types.Mixed, default: {} },
    breachCount: { type: Number, default: 0 },
    nextUpdateDueAtMs: { type: Number, default: null },
    firstRespondedAtMs: { type: Number, default: null },
    resolvedAtMs: { type: Number, default: null },
    closesAtMs: { type: Number, default: null },
    closedAtMs: { type: Number, default: null },
    reopenCount: { type: Number, default: 0 },
    lastEventSeq: { type: Number, required: true },
    departmentIds: { type: [String], default: [] },
    publicTimeline: { type: Schema.Types.Mixed, default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);

// The pending-intake sweeper: tickets written but never started, oldest first.
TicketSchema.index({ intake: 1, createdAt: 1 });
// Customer 360 (later): a customer's tickets, newest first.
TicketSchema.index({ customerId: 1, createdAt: -1 });
// Approvals inbox: tickets with an approval in one status, oldest (pending) or newest (decided) first, ties by _id.
TicketSchema.index({ 'approvals.status': 1, createdAt: 1, _id: 1 });

export const TicketModel = model<TicketDoc>('Ticket', TicketSchema, 'tickets');

/** What a department inbox shows of each task's ticket. */
export type TicketSummary = Pick<TicketDoc, '_id' | 'subject' | 'status' | 'nextUpdateDueAtMs' | 'breachCount'>;

/**
 * The summaries of the given tickets (missing ones left out). One `_id` read each, in parallel, rather than one
 * `_id: { $in }` query: FerretDB filters `$in` itself after reading every ticket, which on PostgreSQL took 2.6 s for
 * 50 of 5,000 tickets against 0.25 s for 50 reads by `_id` (on SQLite 1.8 s against 2.4 s; MongoDB serves both from
 * its `_id` index).
 */
export async function ticketSummaries(ticketIds: string[]): Promise<TicketSummary[]> {
  const projection = { subject: 1, status: 1, nextUpdateDueAtMs: 1, breachCount: 1 };
  const found = await Promise.all([...new Set(ticketIds)].map((id) => TicketModel.findById(id, projection).lean<TicketSummary>()));
  return found.filter((t): t is TicketSummary => t !== null);
}

/** What the approvals inbox reads of a ticket: its approvals, and what decides whether an agent may see it. */
export type ApprovalTicket = Pick<TicketDoc, '_id' | 'subject' | 'priority' | 'status' | 'approvals' | 'task' | 'tasks' | 'departmentIds'>;

/** Conditions every approval the caller is shown meets: they narrow the read, the caller then checks each approval. */
export interface ApprovalNarrowing {
  eligible?: string;
  answeredBy?: string;
  departmentId?: string;
}

/**
 * Started tickets that have an approval in `status`, oldest first (newest with `newestFirst`), at most `limit`. Plain
 * equality on dotted paths through the approvals array, which MongoDB 7 and FerretDB both serve (FerretDB refuses
 * dotted keys inside `$elemMatch`); the conditions may hold on different approvals of a ticket, so callers filter each.
 */
export async function ticketsWithApprovals(status: ApprovalStatus, narrow: ApprovalNarrowing, options: { limit: number; newestFirst: boolean }): Promise<ApprovalTicket[]> {
  const filter: Record<string, string> = { intake: 'started', 'approvals.status': status };
  if (narrow.eligible !== undefined) filter['approvals.levels.eligible'] = narrow.eligible;
  if (narrow.answeredBy !== undefined) filter['approvals.answers.memberId'] = narrow.answeredBy;
  if (narrow.departmentId !== undefined) filter['approvals.levels.departmentId'] = narrow.departmentId;
  const projection = { subject: 1, priority: 1, status: 1, approvals: 1, task: 1, tasks: 1, departmentIds: 1 };
  const direction = options.newestFirst ? -1 : 1; // both keys one way, so the index serves the sort either way
  const sort = { createdAt: direction, _id: direction } as const;
  return TicketModel.find(filter, projection).sort(sort).limit(options.limit).lean<ApprovalTicket[]>();
}
