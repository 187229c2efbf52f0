/** Registers every model, so `ensureModelIndexes` creates their indexes at boot and `npm run migrate` sees them all. */
import './api-key.model';
import './config-revision.model';
import './customer-identity.model';
import './customer.model';
import './department.model';
import './email-outbox.model';
import './intake-request.model';
import './process.model';
import './query-code.model';
import './region.model';
import './sla-policy.model';
import './task-assignment.model';
import './task.model';
import './ticket-event.model';
import './ticket.model';
import './triage-rules.model';
