/** Exactly one workflow per ticket: one workflow id, and one run of it not continued as new; none for unknown tickets. */
import { ticketWorkflowId } from '../../domain/ticket';
import { tally, type Check } from './check';

export const workflowsCheck: Check = (observed, ledger) => {
  const t = tally('workflows (Temporal)');
  const live = new Map<string, number>();
  for (const run of observed.runs) if (run.status !== 'CONTINUED_AS_NEW') live.set(run.workflowId, (live.get(run.workflowId) ?? 0) + 1);
  const expected = new Set<string>();
  for (const rec of ledger) {
    if (!rec.id) continue;
    t.check();
    const id = ticketWorkflowId(rec.id);
    expected.add(id);
    const count = live.get(id) ?? 0;
    if (count === 0) t.lose(`${id} has no workflow`);
    if (count > 1) t.duplicate(`${id} has ${count} workflow runs`);
  }
  for (const id of live.keys()) if (!expected.has(id)) t.duplicate(`${id} belongs to no acknowledged ticket`);
  return t.result;
};
