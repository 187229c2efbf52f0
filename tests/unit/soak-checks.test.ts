import { ALL_CHECKS } from '../../soak/checks/all-checks';
import type { Observed } from '../../soak/checks/observed';
import type { TicketRecord } from '../../soak/ledger';
import type { TicketEventDoc } from '../../models/ticket-event.model';
import type { TicketDoc } from '../../models/ticket.model';
import type { EmailOutboxDoc } from '../../models/email-outbox.model';

const T = 'tkt_soakcheck01';
const AT = Date.parse('2026-01-01T12:00:00Z');

function event(seq: number, type: TicketEventDoc['type'], data: Record<string, unknown> = {}): TicketEventDoc {
  return { _id: `${T}:${seq}`, ticketId: T, seq, type, visibility: 'internal', at: new Date(AT), actor: { type: 'system', id: 'system' }, data };
}

function outbox(key: string, messageId: string): EmailOutboxDoc {
  return { _id: key, messageId, state: 'sent', purpose: 'x', ticketId: T, attempts: 1, leaseUntil: null, failure: null, createdAt: new Date(AT), sentAt: new Date(AT) };
}

/** One answered ticket, recorded correctly everywhere. */
function consistent(): { observed: Observed; ledger: TicketRecord[] } {
  const events = [
    event(1, 'ticket.created'),
    event(2, 'sla.breached', { clock: 'firstResponse', breachNumber: 1 }),
    event(3, 'escalation.level', { clock: 'firstResponse', breachNumber: 1, level: 0 }),
    event(4, 'message.agent', { messageId: 'm1', body: 'Checking (tok-1).' }),
    event(5, 'sla.met', { clock: 'firstResponse' }),
  ];
  const sla = { firstResponse: { status: 'met', dueAtMs: AT - 60_000, breachedAtMs: AT - 60_000, metAtMs: AT - 50_000, escalationLevel: 0 } };
  const ticket = { _id: T, status: 'assigned', intake: 'started', lastEventSeq: 5, sla } as unknown as TicketDoc;
  const ledger: TicketRecord[] = [
    { index: 0, scenario: 's', intakePath: 'web', expectedStatus: 'assigned', intakeKey: 'k0', id: T, queryCode: 'MRD-X', replayedIds: [T], acked: [{ kind: 'agent-reply', token: 'tok-1' }] },
  ];
  const observed: Observed = {
    atMs: AT,
    tickets: new Map([[T, ticket]]),
    events: new Map([[T, events]]),
    outbox: [outbox(`${T}:acknowledgement`, '<a@m>'), outbox(`${T}:reply:m1`, '<r@m>'), outbox(`${T}:escalation:firstResponse:1:0:assignee`, '<e@m>')],
    receivedByMessageId: new Map([['<a@m>', 1], ['<r@m>', 1], ['<e@m>', 1]]),
    runs: [{ workflowId: `ticket-${T}`, status: 'RUNNING' }],
  };
  return { observed, ledger };
}

function totals(observed: Observed, ledger: TicketRecord[]): Record<string, string> {
  return Object.fromEntries(ALL_CHECKS.map((c) => c(observed, ledger)).filter((r) => r.lost || r.duplicated).map((r) => [r.name, `${r.lost} lost, ${r.duplicated} duplicated`]));
}

describe('soak checks', () => {
  it('find nothing wrong when every server recorded everything once', () => {
    const { observed, ledger } = consistent();
    expect(totals(observed, ledger)).toEqual({});
  });

  it.each([
    ['a mail sent twice under two Message-IDs', (o: Observed) => o.receivedByMessageId.set('<second@m>', 1), { 'outbound mails': '0 lost, 1 duplicated' }],
    ['a mail the catcher never received', (o: Observed) => o.receivedByMessageId.delete('<r@m>'), { 'outbound mails': '1 lost, 0 duplicated' }],
    ['a missing event', (o: Observed) => o.events.get(T)!.splice(1, 1), { 'event sequences': '1 lost, 0 duplicated' }],
    ['an event stored twice', (o: Observed) => o.events.get(T)!.splice(2, 0, event(2, 'sla.breached', { clock: 'firstResponse', breachNumber: 1 })), { 'event sequences': '0 lost, 1 duplicated', 'SLA deadlines': '0 lost, 1 duplicated' }],
    ['an agent reply recorded twice', (o: Observed) => o.events.get(T)!.push(event(6, 'message.agent', { messageId: 'm2', body: 'Checking (tok-1).' })), { 'acknowledged actions': '0 lost, 2 duplicated', 'event sequences': '1 lost, 0 duplicated', 'outbound mails': '1 lost, 0 duplicated' }],
    ['an escalation level fired twice', (o: Observed) => o.events.get(T)!.splice(3, 0, event(4, 'escalation.level', { clock: 'firstResponse', breachNumber: 1, level: 0 })), { escalations: '0 lost, 1 duplicated', 'event sequences': '0 lost, 1 duplicated' }],
    ['a deadline that never fired', (o: Observed) => Object.assign(o.tickets.get(T)!.sla, { resolution: { status: 'running', dueAtMs: AT - 60_000, breachedAtMs: null, metAtMs: null, escalationLevel: -1 } }), { 'SLA deadlines': '1 lost, 0 duplicated' }],
    ['a second workflow for the ticket', (o: Observed) => o.runs.push({ workflowId: `ticket-${T}`, status: 'COMPLETED' }), { 'workflows (Temporal)': '0 lost, 1 duplicated' }],
    ['a ticket nobody opened', (o: Observed) => o.tickets.set('tkt_other0001', o.tickets.get(T)!), { 'tickets (intake)': '0 lost, 1 duplicated' }],
    ['a ticket in another state', (o: Observed) => Object.assign(o.tickets.get(T)!, { status: 'resolved' }), { 'expected states': '1 lost, 0 duplicated' }],
  ])('report %s', (_what, inject, expected) => {
    const { observed, ledger } = consistent();
    inject(observed);
    expect(totals(observed, ledger)).toEqual(expected);
  });
});
