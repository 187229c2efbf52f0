/** Each ticket's events are numbered 1…n with no gap or repeat, the read model has seen all n, and it was created once. */
import { tally, type Check } from './check';

export const eventSequenceCheck: Check = (observed, ledger) => {
  const t = tally('event sequences');
  for (const rec of ledger) {
    if (!rec.id) continue;
    const events = observed.events.get(rec.id) ?? [];
    t.check(events.length);
    events.forEach((e, i) => {
      if (i > 0 && e.seq === events[i - 1]!.seq) t.duplicate(`${rec.id} seq ${e.seq}`);
      else if (e.seq !== (i > 0 ? events[i - 1]!.seq + 1 : 1)) t.lose(`${rec.id} seq before ${e.seq}`);
    });
    const last = events.at(-1)?.seq ?? 0;
    const ticket = observed.tickets.get(rec.id);
    if (ticket && ticket.lastEventSeq !== last) t.lose(`${rec.id} read model at seq ${ticket.lastEventSeq}, events up to ${last}`);
    const created = events.filter((e) => e.type === 'ticket.created').length;
    if (created === 0) t.lose(`${rec.id} ticket.created`);
    if (created > 1) t.duplicate(`${rec.id} ticket.created ×${created}`);
  }
  return t.result;
};
