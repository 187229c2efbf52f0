/** Every check the soak runs, in the order the report prints them. */
import type { Check } from './check';
import { actionsCheck } from './actions.check';
import { escalationsCheck } from './escalations.check';
import { eventSequenceCheck } from './event-sequence.check';
import { intakeCheck } from './intake.check';
import { outboundMailCheck } from './outbound-mail.check';
import { scenarioCheck } from './scenario.check';
import { slaDeadlinesCheck } from './sla-deadlines.check';
import { workflowsCheck } from './workflows.check';

export const ALL_CHECKS: Check[] = [intakeCheck, scenarioCheck, eventSequenceCheck, actionsCheck, workflowsCheck, outboundMailCheck, escalationsCheck, slaDeadlinesCheck];
