/** Each acknowledged action (reply, information request, note, customer message, claim, completion) is recorded exactly once. */
import type { TicketEventDoc } from '../../models/ticket-event.model';
import type { AckedAction, AckedKind } from '../ledger';
import { tally, type Check } from './check';

const EVENT_OF: Record<AckedKind, TicketEventDoc['type']> = {
  'agent-reply': 'message.agent',
  'info-request': 'info.requested',
  note: 'note.internal',
  'customer-reply': 'message.customer',
  claim: 'task.claimed',
  complete: 'task.completed',
};

/** Whether `event` records `action` (message bodies carry the action's unique token). */
function records(event: TicketEventDoc, action: AckedAction): boolean {
  if (event.type !== EVENT_OF[action.kind]) return false;
  const data = event.data as { body?: string; taskId?: string; outcome?: string };
  if (action.kind === 'claim') return data.taskId === action.token;
  if (action.kind === 'complete') return `${data.taskId}:${data.outcome}` === action.token;
  return typeof data.body === 'string' && data.body.includes(action.token);
}

export const actionsCheck: Check = (observed, ledger) => {
  const t = tally('acknowledged actions');
  for (const rec of ledger) {
    const events = rec.id ? (observed.events.get(rec.id) ?? []) : [];
    for (const action of rec.acked) {
      t.check();
      const found = events.filter((e) => records(e, action)).length;
      if (found === 0) t.lose(`${rec.id} ${action.kind} ${action.token}`);
      if (found > 1) t.duplicate(`${rec.id} ${action.kind} ${action.token} ×${found}`);
    }
    // Nobody but the soak's actors acts on its tickets: events of these kinds beyond the acknowledged ones are duplicates.
    for (const kind of Object.keys(EVENT_OF) as AckedKind[]) {
      const extra = events.filter((e) => e.type === EVENT_OF[kind]).length - rec.acked.filter((a) => a.kind === kind).length;
      if (extra > 0) t.duplicate(`${rec.id} ${extra} unacknowledged ${EVENT_OF[kind]}`);
    }
  }
  return t.result;
};
