import { CustomerMergeModel, type CustomerMergeDoc } from '../../models/customer-merge.model';
import { TicketEventModel, type TicketEventDoc } from '../../models/ticket-event.model';
import { TicketModel } from '../../models/ticket.model';
import { ticketScopeFilter, type CustomerScope } from './customer-access';

/** The ticket events the 360° view shows: opened, resolved, messages both ways on every channel, ratings. */
export const TIMELINE_EVENT_TYPES = ['ticket.created', 'ticket.resolved', 'message.customer', 'message.agent', 'info.requested', 'survey.answered'] as const;

/** Where a page ended: an instant and the item's key there (items are ordered by both, newest first). */
export interface TimelinePosition {
  atMs: number;
  key: string;
}

/** One thing that happened with the customer. */
export type TimelineItem =
  | { source: 'event'; atMs: number; key: string; event: TicketEventDoc; ticket: { id: string; subject: string; channel: string } }
  | { source: 'merge'; atMs: number; key: string; merge: CustomerMergeDoc; undone: boolean };

const before = (a: TimelinePosition, b: TimelinePosition) => a.atMs < b.atMs || (a.atMs === b.atMs && a.key < b.key);

/** Ticket events strictly before the cursor: keys "e:<event id>" sort below "m:…", so only an event cursor cuts within an instant. */
function eventCursorFilter(cursor: TimelinePosition | undefined): Record<string, unknown> {
  if (!cursor) return {};
  const at = new Date(cursor.atMs);
  if (!cursor.key.startsWith('e:')) return { at: { $lte: at } };
  return { $or: [{ at: { $lt: at } }, { at, _id: { $lt: cursor.key.slice(2) } }] };
}

/** The customer's merges (as survivor or source) as items: the merge, and its undo. */
async function mergeItems(customerId: string): Promise<TimelineItem[]> {
  const merges = await CustomerMergeModel.find({ $or: [{ survivorId: customerId }, { sourceId: customerId }], state: { $in: ['done', 'undone', 'undoing'] } }).lean<CustomerMergeDoc[]>();
  return merges.flatMap((merge): TimelineItem[] => [
    { source: 'merge', atMs: (merge.completedAt ?? merge.createdAt).getTime(), key: `m:${merge._id}:merged`, merge, undone: false },
    ...(merge.undoneAt ? [{ source: 'merge' as const, atMs: merge.undoneAt.getTime(), key: `m:${merge._id}:undone`, merge, undone: true }] : []),
  ]);
}

/**
 * One page of the customer's timeline, newest first: their tickets' events (an agent's: tickets that are or were in
 * its departments) and their merges. Returns the items and whether more follow.
 */
export async function customerTimeline(customerId: string, scope: CustomerScope, page: { cursor?: TimelinePosition; limit: number }): Promise<{ items: TimelineItem[]; more: boolean }> {
  const tickets = await TicketModel.find({ customerId, intake: 'started', ...ticketScopeFilter(scope) }, { subject: 1, channel: 1 }).lean();
  const byId = new Map(tickets.map((t) => [t._id, { id: t._id, subject: t.subject, channel: t.channel }]));
  const [events, merges] = await Promise.all([
    tickets.length
      ? TicketEventModel.find({ ticketId: { $in: [...byId.keys()] }, type: { $in: TIMELINE_EVENT_TYPES }, ...eventCursorFilter(page.cursor) })
          .sort({ at: -1, _id: -1 })
          .limit(page.limit + 1)
          .lean<TicketEventDoc[]>()
      : [],
    mergeItems(customerId),
  ]);
  const items: TimelineItem[] = [
    ...events.map((event): TimelineItem => ({ source: 'event', atMs: event.at.getTime(), key: `e:${event._id}`, event, ticket: byId.get(event.ticketId)! })),
    ...merges.filter((m) => !page.cursor || before(m, page.cursor)),
  ].sort((a, b) => (before(a, b) ? 1 : before(b, a) ? -1 : 0));
  return { items: items.slice(0, page.limit), more: items.length > page.limit };
}
