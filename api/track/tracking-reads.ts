import type { Region } from '../../domain/region';
import { CustomerModel } from '../../models/customer.model';
import { IntakeRequestModel } from '../../models/intake-request.model';
import { TicketModel, type TicketDoc } from '../../models/ticket.model';
import { ticketContactPreferences } from '../../services/customers/contact-preferences';
import { receivedTicket } from '../../services/intake/received-ticket';
import { resolveQueryCodeHashes } from '../../services/query-codes/resolve-query-code';
import type { TrackedCode, TrackedCodeSource, TrackedTicketRef } from './tracked-code';
import { trackingView } from './track-view';

/** Ids no ticket or customer can have (theirs are a prefix and base64url characters, never parentheses). */
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
 * An unknown code reads, renders and throws away the last ticket shown (and reads its customer) in place of its own, so
 * a 404 costs what a view costs: documents of the same size decoded (FerretDB decodes what it returns; an id no
 * document has returns nothing) and luxon's zone and locale formatting. Only that ticket's id is kept.
 */
export function trackingReads(loadRegion: (regionId: string) => Promise<Region | null>): TrackedCodeSource {
  let decoyId = NO_TICKET;
  return {
    async resolve(acceptedHashes) {
      const entry = await resolveQueryCodeHashes(acceptedHashes);
      return entry ? { ticketId: entry.ticketId, ...(entry.intakeId ? { intakeId: entry.intakeId } : {}) } : null;
    },
    async render(ref, startedAtMs): Promise<TrackedCode> {
      const read = await TicketModel.findById(ref?.ticketId ?? decoyId).lean<TicketDoc>();
      const ticket = ref ? read : null;
      const shown = await shownTicket(ref, ticket);
      const rendered = ref ? shown : read;
      const customer = await CustomerModel.findById(rendered?.customerId || NO_CUSTOMER, { profile: 1, timeZone: 1, language: 1 }).lean();
      const view = rendered ? await renderedView(rendered, customer, loadRegion) : null;
      if (shown && ticket) decoyId = ticket._id;
      return { ticket: ref, body: ref ? view : null, stamp: stampOf(ticket), readStartedAtMs: startedAtMs, preferencesReadAtMs: startedAtMs };
    },
    async stamp(ref) {
      const read = await TicketModel.findById(ref?.ticketId ?? decoyId, STAMP_FIELDS).lean<Stamped>();
      return stampOf(ref ? read : null);
    },
  };
}
