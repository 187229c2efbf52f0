import type { BusinessCalendar } from './region';
import type { ProcessDefinition } from './process';
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
  warningAtPercent: number;
  escalationLadder: EscalationLevel[];
  reopenWindowMinutes: number;
  calendar: BusinessCalendar;
}
