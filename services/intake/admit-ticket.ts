import { ApplicationFailure } from '@temporalio/common';
import { IntakeRequestModel } from '../../models/intake-request.model';
import { retryOnDuplicateKey } from '../../models/mongo-errors';
import { getRegion } from '../../models/region.model';
import { TicketModel } from '../../models/ticket.model';
import { findOrCreateCustomer } from '../customers/find-or-create-customer';
import { requestedTicketFields } from './received-ticket';

/**
 * Writes a ticket from its intake request, in the workflow's first activity: finds or creates the customer by e-mail
 * or phone, picks the region (a region staff verified on the customer wins over the one the request names), writes the
 * ticket with what the request claimed, and marks the request admitted. Idempotent: a retry finds what it wrote.
 */
export async function admitTicket(input: { ticketId: string; intakeId: string }): Promise<void> {
  const intake = await IntakeRequestModel.findById(input.intakeId).lean();
  if (!intake || intake.ticketId !== input.ticketId) throw ApplicationFailure.nonRetryable(`intake ${input.intakeId} not found`, 'TICKET_NOT_FOUND');
  if (intake.admittedAt) return;
  const request = intake.request;
  // Reserved before requests were stored: that intake wrote its ticket itself.
  if (!request) return markAdmitted(input.intakeId);
  const { email, phone, regionId, identities } = request.customer;
  const { id: customerId, profile } = await findOrCreateCustomer({ email, phone, others: identities });
  const verifiedRegion = profile?.regionId && profile.regionId !== regionId ? await getRegion(profile.regionId) : null;
  const at = intake.createdAt;
  await retryOnDuplicateKey(() =>
    TicketModel.updateOne(
      { _id: input.ticketId },
      {
        $setOnInsert: {
          customerId,
          regionId: verifiedRegion?.id ?? regionId,
          ...requestedTicketFields(request),
          intake: 'started',
          status: 'new',
          priority: 'normal',
          sla: {},
          task: null,
          lastEventSeq: 0,
          createdAt: at,
          updatedAt: at,
        },
      },
      { upsert: true },
    ),
  );
  await markAdmitted(input.intakeId);
}

async function markAdmitted(intakeId: string): Promise<void> {
  await IntakeRequestModel.updateOne({ _id: intakeId }, { $set: { admittedAt: new Date() } });
}
