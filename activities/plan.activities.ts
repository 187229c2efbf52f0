import { ApplicationFailure } from '@temporalio/common';
import { detectLanguage } from '../domain/language';
import { processTargets } from '../domain/processes/process';
import { triage } from '../domain/triage';
import type { TicketPlan } from '../domain/ticket-plan';
import { CustomerModel } from '../models/customer.model';
import { TicketModel } from '../models/ticket.model';
import { getLatestProcess, getRegion, getSlaPolicyForRegion, getTriageRules } from '../models/config.repository';
import { ticketContactPreferences } from '../services/customers/contact-preferences';
import { configurationMissing } from './configuration';
import type { ActivityDeps } from './deps';


/** Triage: language, category, priority, process version and SLA policy for a new ticket. */
export function createPlanActivities(deps: Pick<ActivityDeps, 'logger'>) {
  return {
    /** Reads the ticket, its customer and the current configuration, and decides how the ticket will run. */
    async planTicket(input: { ticketId: string }): Promise<TicketPlan> {
      const ticket = await TicketModel.findById(input.ticketId).lean();
      if (!ticket) throw ApplicationFailure.nonRetryable(`ticket ${input.ticketId} not found`, 'TICKET_NOT_FOUND');
      const customer = await CustomerModel.findById(ticket.customerId).lean();
      if (!customer) throw ApplicationFailure.nonRetryable('customer not found', 'CUSTOMER_NOT_FOUND');
      const [region, rules, policy] = await Promise.all([
        getRegion(ticket.regionId),
        getTriageRules(),
        getSlaPolicyForRegion(ticket.regionId),
      ]);
      if (!region) throw configurationMissing(`region ${ticket.regionId}`);
      if (!rules) throw configurationMissing('triage rules');
      if (!policy) throw configurationMissing(`SLA policy for region ${ticket.regionId}`);
      const text = `${ticket.subject}\n${ticket.description}`;
      // The hint: the verified profile's language, else what this ticket's request claimed, else the region's.
      const hint = (await ticketContactPreferences(ticket, customer, async () => region)).language;
      const { language } = detectLanguage(text, hint);
      const decided = triage({ subject: ticket.subject, body: ticket.description, language, tier: customer.tier, rules });
      const process = await getLatestProcess(decided.processId);
      if (!process) throw configurationMissing(`process ${decided.processId}`);
      deps.logger.info({ ticketId: input.ticketId, categoryId: decided.categoryId, priority: decided.priority }, 'ticket planned');
      return {
        language,
        categoryId: decided.categoryId,
        priority: decided.priority,
        matched: decided.matched,
        process,
        slaPolicyId: policy.id,
        targets: processTargets(process, policy.targets[decided.priority]),
        targetsByPriority: Object.fromEntries(Object.entries(policy.targets).map(([p, t]) => [p, processTargets(process, t)])) as typeof policy.targets,
        warningAtPercent: policy.warningAtPercent,
        escalationLadder: policy.escalationLadder,
        reopenWindowMinutes: policy.reopenWindowMinutes,
        calendar: region.calendar,
        facts: { tier: customer.tier, region: ticket.regionId, channel: ticket.channel },
        case: { refund: ticket.refund ?? null, accountId: ticket.accountId ?? null },
      };
    },
  };
}
