import { createAdmissionActivities } from './admission.activities';
import { createApproverActivities } from './approvals/approvers.activities';
import { createAssignmentActivities } from './assignment.activities';
import { createCustomerMailActivities } from './customer-mail.activities';
import type { ActivityDeps } from './deps';
import { createDeliveryActivities } from './delivery/delivery.activities';
import { createEscalationActivities } from './escalation.activities';
import { createInboundActivities } from './inbound/route-inbound.activities';
import { createIntegrationActivities } from './integrations/integration.activities';
import { createMediaActivities } from './media/fetch-media.activities';
import { createPlanActivities } from './plan.activities';
import { createSlaActivities } from './sla.activities';
import { createTicketEventActivities } from './ticket-events.activities';

/** All activities the ticket workflows call, built over explicit dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createPlanActivities(deps),
    ...createSlaActivities(),
    ...createTicketEventActivities(deps),
    ...createAdmissionActivities(),
    ...createAssignmentActivities(),
    ...createApproverActivities(),
    ...createEscalationActivities(deps),
    ...createCustomerMailActivities(deps),
    ...createDeliveryActivities(deps),
    ...createIntegrationActivities(deps),
    ...createInboundActivities(deps),
    ...createMediaActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
