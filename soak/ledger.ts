/** What the driver did to each ticket and what the API acknowledged: the checks compare the servers' records with it. */
import type { TicketStatus } from '../domain/ticket';

/** Acknowledged actions whose events the checks count (each body carries a unique token). */
export type AckedKind = 'agent-reply' | 'info-request' | 'note' | 'customer-reply' | 'claim' | 'complete';

export interface AckedAction {
  kind: AckedKind;
  /** Unique text in the message body (message kinds); the step name otherwise. */
  token: string;
}

export interface TicketRecord {
  index: number;
  scenario: string;
  intakePath: string;
  expectedStatus: TicketStatus;
  intakeKey: string;
  id?: string;
  queryCode?: string;
  /** Ticket ids a repeated intake request (same key) answered with; all must equal `id`. */
  replayedIds: string[];
  acked: AckedAction[];
  /** Why the actors could not finish this ticket's scenario (an answer the API should not have given). */
  failure?: string;
}

/** A fresh record for ticket number `index`. */
export function newRecord(index: number, scenario: string, intakePath: string, expectedStatus: TicketStatus, runId: string): TicketRecord {
  return { index, scenario, intakePath, expectedStatus, intakeKey: `soak-${runId}-${index}`, replayedIds: [], acked: [] };
}
