import type { BranchFacts } from '../../domain/processes/walk';
import type { TicketState } from '../ticket-state';

/** What a branch step can test about the ticket, as triage decided it and the request said. */
export function branchFacts(s: TicketState): BranchFacts {
  const plan = s.plan!;
  const refund = plan.case?.refund;
  return {
    fields: {
      category: plan.categoryId,
      priority: s.priority,
      language: plan.language,
      ...(plan.facts ? { tier: plan.facts.tier, region: plan.facts.region, channel: plan.facts.channel } : {}),
    },
    amount: refund ? refund.amount : null,
    outcomes: s.outcomes,
  };
}
