/** The approvals inbox's query, its cursor, and the answer's shape (for the OpenAPI document and its fuzz checks). */
import { z } from 'zod';
import { INBOX_STATUSES, type InboxPosition, type InboxStatus } from '../../domain/approvals/approval-inbox';
import { IdSchema } from '../../domain/region';
import { ruleIssue } from '../../domain/rules';
import { PRIORITIES, TICKET_STATUSES } from '../../domain/ticket';

/** Where a page ended: the list it belongs to and the last item's position. */
export interface InboxCursor extends InboxPosition {
  status: InboxStatus;
}

const CURSOR = /^(pending|decided)~(-?\d{1,16})~(tkt_[A-Za-z0-9_-]{8,40})~([a-z0-9][a-z0-9-]{1,62}-[1-9]\d{0,5})$/;

/** The cursor of the page after `position` (clients pass it back as is). */
export function encodeCursor(status: InboxStatus, position: InboxPosition): string {
  return [status, String(position.rank), position.ticketId, position.approvalId].join('~');
}

// Every string the pattern admits is a position in the list (the document can say exactly what is valid); clients
// should still treat it as opaque, since its form may change.
const CursorSchema = z
  .string()
  .regex(CURSOR, 'not a cursor of this list: pass nextCursor of the previous page')
  .transform((value): InboxCursor => {
    const [, status, rank, ticketId, approvalId] = CURSOR.exec(value) as unknown as [string, InboxStatus, string, string, string];
    return { status, rank: Number(rank), ticketId, approvalId };
  })
  .describe('nextCursor of the previous page (opaque; the same status and filters)');

export const InboxQuerySchema = z
  .strictObject({
    status: z
      .enum(INBOX_STATUSES)
      .default('pending')
      .describe('pending: waiting for an answer (for a member: from them, now), most overdue first; decided: approved, rejected or auto-approved (for a member: those they answered), newest first'),
    departmentId: IdSchema.optional().describe("Only this department's approvals: the current level's while pending, any level asked once decided"),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: CursorSchema.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.cursor && q.cursor.status !== q.status) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', ['cursor'], `the cursor belongs to the ${q.cursor.status} list, not the ${q.status} one`));
  });
export type InboxQuery = z.infer<typeof InboxQuerySchema>;

const isoInstant = z.iso.datetime({ offset: true });

export const InboxItemSchema = z.object({
  ticketId: z.string(),
  subject: z.string(),
  priority: z.enum(PRIORITIES),
  ticketStatus: z.enum(TICKET_STATUSES),
  approvalId: z.string(),
  stepId: z.string(),
  title: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'auto_approved']),
  amount: z.object({ amount: z.number().int().describe('Minor units'), currency: z.string() }).nullable(),
  requestedBy: z.string().nullable().describe('The member whose task requested it (they may not approve it)'),
  requestedAt: isoInstant,
  currentLevel: z
    .object({
      index: z.number().int().min(0),
      name: z.string(),
      departmentId: z.string(),
      mode: z.enum(['any', 'all']),
      dueAt: isoInstant.nullable(),
      escalated: z.boolean(),
      waitingOn: z.array(z.string()).describe('Eligible members who have not answered yet'),
    })
    .nullable()
    .describe('The level being answered; null once decided'),
  decidedAt: isoInstant.nullable(),
  yourAnswer: z
    .object({ level: z.number().int().min(0), decision: z.enum(['approve', 'reject']), reason: z.string(), at: isoInstant })
    .nullable()
    .describe("The calling member's answer (decided list); null for ops keys and pending items"),
});
export type InboxItem = z.infer<typeof InboxItemSchema>;

/** GET /api/approvals. */
export const InboxPageSchema = z.object({
  items: z.array(InboxItemSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last one'),
  partial: z.boolean().describe('More tickets matched than one request reads: the list covers the oldest (pending) or newest (decided) of them; narrow it with departmentId'),
});
