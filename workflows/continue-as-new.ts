import { workflowInfo } from '@temporalio/workflow';
import type { TicketState } from './ticket-state';

const DEFAULT_HISTORY_LIMIT = 10_000;

/** Whether the run should hand over to a new one (long waits return early when it should). */
export function shouldContinueAsNew(s: TicketState): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength > (s.historyLimit ?? DEFAULT_HISTORY_LIMIT);
}
