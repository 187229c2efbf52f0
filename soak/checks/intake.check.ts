/** Every acknowledged intake is one started ticket; a repeated request (same key) gets the same one; no ticket nobody opened. */
import { tally, type Check } from './check';

export const intakeCheck: Check = (observed, ledger) => {
  const t = tally('tickets (intake)');
  const ours = new Set<string>();
  for (const rec of ledger) {
    t.check();
    if (!rec.id) continue; // never answered: the scenarios check reports it
    ours.add(rec.id);
    const ticket = observed.tickets.get(rec.id);
    if (!ticket || ticket.intake !== 'started') t.lose(`${rec.id} acknowledged but ${ticket ? 'never started' : 'not stored'}`);
    for (const other of rec.replayedIds) if (other !== rec.id) t.duplicate(`${rec.intakeKey} opened ${rec.id} and ${other}`);
  }
  for (const id of observed.tickets.keys()) if (!ours.has(id)) t.duplicate(`${id} stored but never acknowledged`);
  return t.result;
};
