import { DateTime } from 'luxon';
import type { ContactPreferences } from '../../domain/contact';
import type { TicketStatus } from '../../domain/ticket';
import type { PublicTimelineEntry, TicketDoc } from '../../models/ticket.model';

const STAGES = ['received', 'in_progress', 'resolved', 'closed'] as const;
type Stage = (typeof STAGES)[number];

const STAGE_OF: Record<TicketStatus, Stage> = {
  new: 'received',
  needs_attention: 'received',
  triaged: 'received',
  assigned: 'in_progress',
  pending_approval: 'in_progress',
  waiting_customer: 'in_progress',
  resolved: 'resolved',
  closed: 'closed',
};

/** An instant as the customer reads it: ISO with their offset, their zone, and a sentence in their language. */
export function localTime(ms: number | null | undefined, zone: string, locale: string) {
  if (ms === null || ms === undefined) return null;
  const t = DateTime.fromMillis(ms, { zone }).setLocale(locale);
  return { at: t.toISO(), timeZone: zone, local: t.toLocaleString(DateTime.DATETIME_FULL) };
}

function stageTimes(events: PublicTimelineEntry[]): Partial<Record<Stage, number>> {
  const at: Partial<Record<Stage, number>> = {};
  for (const e of events) {
    const ms = e.at.getTime();
    if (e.type === 'ticket.created') at.received ??= ms;
    if (e.type === 'message.agent' || e.type === 'info.requested') at.in_progress ??= ms;
    if (e.type === 'ticket.resolved') at.resolved = ms;
    if (e.type === 'ticket.reopened') delete at.resolved;
    if (e.type === 'ticket.closed') at.closed = ms;
  }
  return at;
}

/**
 * What a customer sees with their query code: status, stages, the current step, when the next update is due
 * in their own time zone (`preferences`: services/customers/contact-preferences.ts), and public messages. Never internal notes, staff names or ids, or other customers' data.
 */
/** The work under way, as the customer sees it: the task, or a parallel step's first unfinished branch task. */
function currentStep(ticket: TicketDoc): { title: string } | null {
  if (ticket.status === 'resolved' || ticket.status === 'closed') return null;
  const task = ticket.task ?? (ticket.tasks ?? []).find((t) => t.status !== 'done');
  return task ? { title: task.title } : null;
}

export function trackingView(ticket: TicketDoc, preferences: ContactPreferences) {
  const publicEvents = ticket.publicTimeline ?? [];
  const zone = preferences.timeZone;
  const locale = preferences.language;
  const current = STAGES.indexOf(STAGE_OF[ticket.status]);
  const times = stageTimes(publicEvents);
  return {
    subject: ticket.subject,
    status: ticket.status,
    waitingOnYou: ticket.status === 'waiting_customer',
    stages: STAGES.map((stage, i) => ({
      stage,
      state: i < current ? 'done' : i === current ? 'current' : 'upcoming',
      at: localTime(times[stage] ?? (stage === 'received' ? ticket.createdAt.getTime() : null), zone, locale),
    })),
    currentStep: currentStep(ticket),
    nextUpdateDue: localTime(ticket.nextUpdateDueAtMs, zone, locale),
    reopenableUntil: ticket.status === 'resolved' ? localTime(ticket.closesAtMs, zone, locale) : null,
    messages: publicMessages(publicEvents, preferences),
    // The ticket keeps its latest public events; older messages: GET /api/track/{code}/messages?before=…
    olderMessagesBefore: (publicEvents[0]?.seq ?? 1) > 1 ? publicEvents[0]!.seq : null,
  };
}

/** The messages among public events, as the customer reads them (in their zone and language). */
export function publicMessages(events: Array<Pick<PublicTimelineEntry, 'type' | 'at' | 'data'>>, preferences: ContactPreferences) {
  return events
    .filter((e) => e.type === 'message.customer' || e.type === 'message.agent' || e.type === 'info.requested')
    .map((e) => ({
      from: e.type === 'message.customer' ? 'you' : 'support',
      body: typeof e.data.body === 'string' ? e.data.body : '',
      at: localTime(e.at.getTime(), preferences.timeZone, preferences.language),
    }));
}
