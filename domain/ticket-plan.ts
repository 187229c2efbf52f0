import type { BusinessCalendar } from './region';
import type { TicketCase } from './ticket-case';
import type { ProcessDefinition } from './processes/process';
import type { EscalationLevel, SlaTargets } from './sla-policy';
import type { Priority } from './ticket';

/** Everything a ticket's workflow needs to run, fixed at triage (recorded in history, so config edits never move it). */
export interface TicketPlan {
  language: string;
  categoryId: string;
  priority: Priority;
  matched: { keywords: string[]; patterns: string[]; urgentWords: string[] };
  process: ProcessDefinition;
  slaPolicyId: string;
  targets: SlaTargets;
  /** The policy's targets for every priority, so a priority change re-targets the clocks (absent before release 0.4). */
  targetsByPriority?: Record<Priority, SlaTargets>;
  warningAtPercent: number;
  escalationLadder: EscalationLevel[];
  reopenWindowMinutes: number;
  calendar: BusinessCalendar;
  /** What branch steps can test besides category, priority and language (absent in plans of release 0.3 and earlier). */
  facts?: { tier: string; region: string; channel: string };
  /** The refund and the platform account the ticket is about, when the request named them. */
  case?: TicketCase;
}
