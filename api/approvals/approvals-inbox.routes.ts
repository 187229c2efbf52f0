/**
 * The approvals inbox, `GET /api/approvals`: an approver's approvals waiting for their answer (most overdue first) or
 * those they answered and that are decided (newest first); for admin and ops keys, everyone's, optionally of one
 * department. The read is a coarse dot-notation query over a bounded number of tickets; the selection is exact in code.
 */
import { Router } from 'express';
import type { Config } from '../../config/config';
import type { ApprovalState } from '../../domain/approvals/approval';
import { DECIDED_STATUSES, comparePositions, inInbox, inboxRank, type InboxPosition, type InboxStatus, type InboxViewer } from '../../domain/approvals/approval-inbox';
import { MeridianError } from '../../domain/errors';
import { ticketsWithApprovals, type ApprovalTicket } from '../../models/ticket.model';
import { authenticate, getAuth, type AuthContext } from '../middleware/auth';
import { registerRoute } from '../openapi/registry';
import { readModelShows } from '../tickets/ticket-access';
import { approvalHead, iso } from '../tickets/ticket-view';
import { parseInput } from '../validation';
import { InboxPageSchema, InboxQuerySchema, encodeCursor, type InboxItem } from './approvals-inbox.schema';

/** Tickets one request reads per approval status at most: a page is sorted among these (`partial` when there are more). */
export const INBOX_CANDIDATE_TICKETS = 1_000;

registerRoute({
  method: 'get',
  path: '/api/approvals',
  summary: 'Approvals inbox: what waits for your answer, most overdue first (ops: every pending approval); or the decided ones, newest first',
  tags: ['approvals'],
  auth: 'apiKey',
  roles: ['admin', 'ops', 'agent'],
  query: InboxQuerySchema,
  responses: {
    200: { description: 'A page of approvals with their ticket, and the cursor of the next page', schema: InboxPageSchema },
    400: { description: 'Invalid status, department id, limit (1–100) or cursor' },
    422: { description: 'An agent key that acts as no department member has no approvals inbox, or a cursor of the other status list (INCONSISTENT_INPUT)' },
  },
});

/** Whose inbox the caller reads: an agent's member's own, or (admin, ops) everyone's. */
function inboxViewer(auth: AuthContext, departmentId: string | undefined): InboxViewer {
  const scope = departmentId === undefined ? {} : { departmentId };
  if (auth.role !== 'agent') return { memberId: null, ...scope };
  if (!auth.memberId)
    throw new MeridianError('INCONSISTENT_INPUT', 'this key acts as no department member; the approvals inbox is a member’s', {
      errors: [{ pointer: '/headers/authorization', message: 'the key has no member' }],
    });
  return { memberId: auth.memberId, ...scope };
}

/** The candidate tickets: one bounded read per approval status the viewer can be shown. */
async function candidateTickets(status: InboxStatus, viewer: InboxViewer): Promise<{ tickets: ApprovalTicket[]; partial: boolean }> {
  const member = viewer.memberId ?? undefined;
  const departmentId = viewer.departmentId;
  const options = { limit: INBOX_CANDIDATE_TICKETS, newestFirst: status === 'decided' };
  // Nobody answers an automatic approval and it has no levels: a member's or a department's decided list lacks them.
  const statuses = status === 'pending' ? (['pending'] as const) : DECIDED_STATUSES.filter((s) => s !== 'auto_approved' || (member === undefined && departmentId === undefined));
  const narrowing = status === 'pending' ? { eligible: member, departmentId } : { answeredBy: member, departmentId };
  const reads = await Promise.all(statuses.map((s) => ticketsWithApprovals(s, narrowing, options)));
  const unique = new Map(reads.flat().map((t) => [t._id, t]));
  return { tickets: [...unique.values()], partial: reads.some((r) => r.length >= INBOX_CANDIDATE_TICKETS) };
}

/** One approval as the inbox shows it, with its ticket. */
function inboxItem(ticket: ApprovalTicket, a: ApprovalState, viewer: InboxViewer): InboxItem {
  const level = a.status === 'pending' ? a.levels[a.current] : undefined;
  const answeredNow = new Set(a.answers.filter((x) => x.level === a.current).map((x) => x.memberId));
  const mine = viewer.memberId === null ? undefined : a.answers.find((x) => x.memberId === viewer.memberId);
  return {
    ticketId: ticket._id,
    subject: ticket.subject,
    priority: ticket.priority,
    ticketStatus: ticket.status,
    ...approvalHead(a),
    requestedAt: iso(a.requestedAtMs)!,
    currentLevel: level
      ? { index: a.current, name: level.name, departmentId: level.departmentId, mode: level.mode, dueAt: iso(level.dueAtMs), escalated: level.escalated, waitingOn: level.eligible.filter((m) => !answeredNow.has(m)) }
      : null,
    decidedAt: iso(a.decidedAtMs),
    yourAnswer: mine ? { level: mine.level, decision: mine.decision, reason: mine.reason, at: iso(mine.atMs)! } : null,
  };
}

/** `GET /api/approvals` for staff keys (authenticated like the department inboxes). */
export function approvalsInboxRouter(deps: { config: Config }): Router {
  const router = Router();
  router.get('/api/approvals', authenticate(deps.config), async (req, res) => {
    const query = parseInput(InboxQuerySchema, req.query, 'query');
    const auth = getAuth(res);
    const viewer = inboxViewer(auth, query.departmentId);
    const { tickets, partial } = await candidateTickets(query.status, viewer);
    const rows = tickets
      .filter((t) => readModelShows(auth, t))
      .flatMap((ticket) =>
        (ticket.approvals ?? [])
          .filter((a) => inInbox(a, query.status, viewer))
          .map((approval) => ({ ticket, approval, position: { rank: inboxRank(approval, query.status), ticketId: ticket._id, approvalId: approval.approvalId } as InboxPosition })),
      )
      .sort((x, y) => comparePositions(x.position, y.position));
    const { cursor } = query;
    const after = cursor ? rows.filter((r) => comparePositions(r.position, cursor) > 0) : rows;
    const page = after.slice(0, query.limit);
    const last = page.at(-1);
    res.json({
      items: page.map((r) => inboxItem(r.ticket, r.approval, viewer)),
      nextCursor: last && after.length > page.length ? encodeCursor(query.status, last.position) : null,
      partial,
    });
  });
  return router;
}
