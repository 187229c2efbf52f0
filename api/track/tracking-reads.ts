import type { Region } from '../../domain/region';
import { CustomerModel } from '../../models/customer.model';
import { IntakeRequestModel } from '../../models/intake-request.model';
import { TicketModel, type TicketDoc } from '../../models/ticket.model';
import { ticketContactPreferences } from '../../services/customers/contact-preferences';
import { receivedTicket } from '../../services/intake/received-ticket';
import { resolveQueryCodeHashes } from '../../services/query-codes/resolve-query-code';
import type { TrackedCode, TrackedCodeSource, TrackedTicketRef } from './tracked-code';
import { trackingView } from './track-view';

/**
 * Ids no ticket or customer can have (theirs are a prefix and base64url characters, never parentheses): an unknown code reads these,
 * so it makes the same reads, of the same collections by `_id`, as an issued one.
 */
const NO_TICKET = 'tkt_(none)';
const NO_CUSTOMER = 'cus_(none)';
const STAMP_FIELDS = { lastEventSeq: 1, intake: 1, updatedAt: 1 } as const;

type Stamped = Pick<TicketDoc, 'lastEventSeq' | 'intake' | 'updatedAt'>;

/** A ticket's state in brief: every read-model write moves `lastEventSeq` and `updatedAt`; starting it moves `intake`. */
export function stampOf(ticket: Stamped | null): string {
  return ticket ? `${ticket.lastEventSeq}|${ticket.intake}|${ticket.updatedAt.getTime()}` : 'absent';
}

/** What tracking shows for a ticket read (null: nothing, a 404): the ticket once started, else the intake request as received. */
async function shownTicket(ref: TrackedTicketRef | null, ticket: TicketDoc | null): Promise<TicketDoc | null> {
  if (ticket?.intake === 'started') return ticket;
  if (ticket || !ref?.intakeId) return null;
  // Answered with a 201 a moment ago, not written by its workflow yet: the request, as received.
  const intake = await IntakeRequestModel.findById(ref.intakeId).lean();
  return intake?.request ? receivedTicket(ref.ticketId, { ...intake, request: intake.request }) : null;
}

/** The view of `shown` as JSON, in its customer's language and zone. */
async function renderedView(shown: TicketDoc, customer: Parameters<typeof ticketContactPreferences>[1], loadRegion: (regionId: string) => Promise<Region | null>) {
  return JSON.stringify(trackingView(shown, await ticketContactPreferences(shown, customer, () => loadRegion(shown.regionId))));
}

/**
 * The database reads behind a tracking answer; `loadRegion` supplies a region's defaults (tracking caches them briefly).
 * An unknown code renders the last ticket shown too and throws the view away, so a 404 takes the CPU time of a view
 * (luxon's zone and locale formatting is most of it) as well as the same reads.
 */
export function trackingReads(loadRegion: (regionId: string) => Promise<Region | null>): TrackedCodeSource {
  let decoy: TicketDoc | null = null;
  return {
    async resolve(acceptedHashes) {
      const entry = await resolveQueryCodeHashes(acceptedHashes);
      return entry ? { ticketId: entry.ticketId, ...(entry.intakeId ? { intakeId: entry.intakeId } : {}) } : null;
    },
    async render(ref, startedAtMs): Promise<TrackedCode> {
      const ticket = await TicketModel.findById(ref?.ticketId ?? NO_TICKET).lean<TicketDoc>();
      const shown = await shownTicket(ref, ticket);
      const customer = await CustomerModel.findById(shown?.customerId || NO_CUSTOMER, { profile: 1, timeZone: 1, language: 1 }).lean();
      const rendered = shown ?? decoy;
      const view = rendered ? await renderedView(rendered, customer, loadRegion) : null;
      if (shown) decoy = shown;
      return { ticket: ref, body: shown ? view : null, stamp: stampOf(ticket), readStartedAtMs: startedAtMs, preferencesReadAtMs: startedAtMs };
    },
    async stamp(ref) {
      return stampOf(await TicketModel.findById(ref?.ticketId ?? NO_TICKET, STAMP_FIELDS).lean<Stamped>());
    },
  };
}
