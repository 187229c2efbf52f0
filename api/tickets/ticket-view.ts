import type { ApprovalState } from '../../domain/approvals/approval';
import type { SlaClock } from '../../domain/sla-policy';
import type { ClockSnapshot, TaskSnapshot } from '../../domain/ticket-snapshot';
import type { ChannelOutboxDoc } from '../../models/channel-outbox.model';
import type { CustomerDoc } from '../../models/customer.model';
import type { EventPage, TicketEventDoc } from '../../models/ticket-event.model';
import type { TicketDoc } from '../../models/ticket.model';
import { claimedContact } from '../../services/customers/contact-preferences';
import type { TicketMessageIn } from '../../services/inbound/ticket-messages-in';

/** Epoch ms → ISO 8601 (UTC), or null. */
export function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

function clockView(c: ClockSnapshot) {
  return {
    status: c.status,
    dueAt: iso(c.dueAtMs),
    breachedAt: iso(c.breachedAtMs),
    metAt: iso(c.metAtMs),
    escalationLevel: c.escalationLevel,
  };
}

function taskView({ createdAtMs, ...task }: TaskSnapshot) {
  return { ...task, createdAt: iso(createdAtMs) };
}

/** What every view of an approval starts with: which, for what amount, asked by whom. */
export function approvalHead(a: ApprovalState) {
  return {
    approvalId: a.approvalId,
    stepId: a.stepId,
    title: a.title,
    status: a.status,
    amount: a.amount ? { amount: a.amount.minor, currency: a.amount.currency } : null,
    requestedBy: a.requestedBy,
  };
}

function approvalView(a: ApprovalState) {
  return {
    ...approvalHead(a),
    currentLevel: a.status === 'pending' ? a.current : null,
    levels: a.levels.map((l) => ({ name: l.name, departmentId: l.departmentId, mode: l.mode, status: l.status, approvers: l.eligible, dueAt: iso(l.dueAtMs), escalated: l.escalated })),
    answers: a.answers.map((x) => ({ level: x.level, memberId: x.memberId, decision: x.decision, reason: x.reason, at: iso(x.atMs) })),
    requestedAt: iso(a.requestedAtMs),
    decidedAt: iso(a.decidedAtMs),
    reason: a.reason,
  };
}

function contactView(c: { name?: string; language?: string; timeZone?: string } | undefined) {
  return { name: c?.name ?? null, language: c?.language ?? null, timeZone: c?.timeZone ?? null };
}

/** Timeline events the staff view shows at once; older ones are paged from GET /api/tickets/{id}/events. */
export const STAFF_TIMELINE_PAGE = 100;

/** One event as staff read it (internal notes included). */
export function timelineEntry(e: TicketEventDoc) {
  return { seq: e.seq, type: e.type, visibility: e.visibility, at: e.at.toISOString(), actor: e.actor, data: e.data };
}

/** The staff view of a ticket: state, SLA clocks, customer and the latest page of its timeline (internal notes included). */
/** A message sent through a channel, with what the platform said became of it. */
/** A send as stored: fields its reservation set to null or [] may be absent (the upsert's $setOnInsert omits them on FerretDB). */
function channelSendView(s: ChannelOutboxDoc) {
  return {
    purpose: s.purpose,
    channelId: s.channelId,
    state: s.state,
    parts: s.platformMessageIds?.length ?? 0,
    failure: s.failure ?? null,
    sentAt: s.sentAt?.toISOString() ?? null,
    receipt: s.receipt ? { status: s.receipt.status, at: iso(s.receipt.atMs), error: s.receipt.error ?? null } : null,
    template: s.template ?? null,
  };
}

export function staffTicketView(ticket: TicketDoc, customer: CustomerDoc | null, page: EventPage, sends: ChannelOutboxDoc[] = []) {
  const sla: Partial<Record<SlaClock, ReturnType<typeof clockView>>> = {};
  for (const [clock, c] of Object.entries(ticket.sla ?? {}) as Array<[SlaClock, ClockSnapshot]>) sla[clock] = clockView(c);
  return {
    id: ticket._id,
    subject: ticket.subject,
    description: ticket.description,
    channel: ticket.channel,
    status: ticket.status,
    priority: ticket.priority,
    language: ticket.language,
    categoryId: ticket.categoryId,
    process: ticket.processId ? { id: ticket.processId, version: ticket.processVersion } : null,
    slaPolicyId: ticket.slaPolicyId,
    regionId: ticket.regionId,
    task: ticket.task ? taskView(ticket.task) : null,
    tasks: (ticket.tasks ?? []).map(taskView),
    step: ticket.step ? { stepId: ticket.step.stepId, type: ticket.step.type, startedAt: iso(ticket.step.startedAtMs) } : null,
    approvals: (ticket.approvals ?? []).map(approvalView),
    refund: ticket.refund ? { amount: ticket.refund.amount.minor, currency: ticket.refund.amount.currency, paymentId: ticket.refund.paymentId } : null,
    accountId: ticket.accountId ?? null,
    survey: ticket.survey
      ? { status: ticket.survey.status, score: ticket.survey.score, comment: ticket.survey.comment, sentAt: iso(ticket.survey.sentAtMs), closesAt: iso(ticket.survey.expiresAtMs), answeredAt: iso(ticket.survey.answeredAtMs) }
      : null,
    sla,
    breachCount: ticket.breachCount,
    nextUpdateDueAt: iso(ticket.nextUpdateDueAtMs),
    createdAt: ticket.createdAt.toISOString(),
    firstRespondedAt: iso(ticket.firstRespondedAtMs),
    resolvedAt: iso(ticket.resolvedAtMs),
    closesAt: iso(ticket.closesAtMs),
    closedAt: iso(ticket.closedAtMs),
    reopenCount: ticket.reopenCount,
    /** What the request that opened the ticket said about the person writing: unverified. */
    contact: contactView(claimedContact(ticket, customer)),
    customer: customer && {
      id: customer._id,
      email: customer.email ?? null,
      phone: customer.phone ?? null,
      tier: customer.tier,
      /** What staff or a verified channel identity said; null until one has. */
      profile: customer.profile
        ? {
            ...contactView(customer.profile),
            regionId: customer.profile.regionId ?? null,
            source: customer.profile.source,
            updatedAt: customer.profile.updatedAt.toISOString(),
          }
        : null,
    },
    /** Messages sent through the customer's messaging channel, oldest first, with their delivery receipts. */
    channelSends: sends.map(channelSendView),
    timeline: page.events.map(timelineEntry),
    // Cursor for GET /api/tickets/{id}/events?before=…; null when the timeline starts in this page.
    timelineBefore: page.before,
  };
}

/** A message that reached the ticket from a channel or e-mail; for e-mail, whether SPF/DKIM/DMARC proved its sender. */
export function messageInView(m: TicketMessageIn) {
  const a = m.authentication;
  return {
    id: m.id,
    channel: m.channel,
    sentAt: m.sentAt.toISOString(),
    routed: m.routed,
    attachments: m.attachments,
    authentication: a ? { fromDomain: a.fromDomain, spf: a.spf, dkim: a.dkim, dmarc: a.dmarc, dmarcPolicy: a.dmarcPolicy ?? null, arc: a.arc, aligned: a.aligned, spoofSuspected: a.spoofSuspected } : null,
  };
}
