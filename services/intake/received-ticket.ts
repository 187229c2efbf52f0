import { claimedContactOf, type IntakeRequestDoc, type StoredIntakeRequest } from '../../models/intake-request.model';
import type { TicketDoc } from '../../models/ticket.model';

/** What a ticket takes from the intake request as received: admission writes it, tracking shows it until then. */
export function requestedTicketFields(request: StoredIntakeRequest): Pick<TicketDoc, 'channel' | 'subject' | 'description' | 'contact' | 'refund' | 'accountId'> {
  return {
    channel: request.channel,
    subject: request.subject,
    description: request.description,
    contact: claimedContactOf(request.customer),
    refund: request.refund ?? null,
    accountId: request.accountId ?? null,
  };
}

/**
 * The ticket as tracking shows it between the 201 and the workflow writing it (a few milliseconds, or longer while
 * workers are away): received, nothing else yet. Built from the intake request, so a fresh query code never answers 404.
 */
export function receivedTicket(ticketId: string, intake: IntakeRequestDoc & { request: StoredIntakeRequest }): TicketDoc {
  const { request, createdAt } = intake;
  return {
    _id: ticketId,
    customerId: '',
    regionId: request.customer.regionId,
    ...requestedTicketFields(request),
    intake: 'started',
    status: 'new',
    language: null,
    categoryId: null,
    priority: 'normal',
    processId: null,
    processVersion: null,
    slaPolicyId: null,
    task: null,
    sla: {},
    breachCount: 0,
    nextUpdateDueAtMs: null,
    firstRespondedAtMs: null,
    resolvedAtMs: null,
    closesAtMs: null,
    closedAtMs: null,
    reopenCount: 0,
    lastEventSeq: 0,
    publicTimeline: [],
    createdAt,
    updatedAt: createdAt,
  };
}
