import { createTicketEventActivities } from '../../activities/ticket-events.activities';
import { Registry } from '../../metrics/registry';
import { ticketEventMetrics } from '../../metrics/ticket-event-metrics';
import type { TicketSnapshot } from '../../domain/ticket-snapshot';
import { TicketModel } from '../../models/ticket.model';
import { connectTestDatabase, type TestDatabase } from '../support/database';
import { metricValue } from '../support/metrics';

const SNAPSHOT: TicketSnapshot = {
  status: 'triaged', language: 'en', categoryId: 'billing', priority: 'normal', processId: null, processVersion: null, slaPolicyId: null,
  task: null, sla: {}, breachCount: 0, nextUpdateDueAtMs: null, firstRespondedAtMs: null, resolvedAtMs: null, closesAtMs: null, closedAtMs: null, reopenCount: 0,
};

describe('recording a ticket event', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await connectTestDatabase();
  });
  afterAll(async () => db?.disconnect());

  it("leaves the ticket visible even when intake's own mark was lost to an overlapping write", async () => {
    // FerretDB writes whole documents back: a snapshot write that read the ticket before intake marked it started
    // replaces the mark with the 'pending' it read. This is the ticket as that lost write leaves it.
    const at = new Date('2026-03-02T09:00:00Z');
    await TicketModel.create({
      _id: 'tkt_overlap', customerId: 'cus_1', regionId: 'test-utc', channel: 'web', subject: 'Refund', description: '…', intake: 'pending',
      status: 'new', priority: 'normal', lastEventSeq: 0, publicTimeline: [], createdAt: at, updatedAt: at,
    });

    const event = { ticketId: 'tkt_overlap', seq: 1, type: 'ticket.triaged' as const, atMs: at.getTime(), actor: { type: 'system' as const, id: 'workflow' }, data: {} };
    await createTicketEventActivities({ metrics: ticketEventMetrics(new Registry()) }).recordTicketEvent({ event, snapshot: SNAPSHOT });

    expect(await TicketModel.findById('tkt_overlap').lean()).toMatchObject({ intake: 'started', status: 'triaged', lastEventSeq: 1 });
  });

  it('measures each write, the lateness of a breach, and counts an escalation once even when the write is retried', async () => {
    const registry = new Registry();
    const { recordTicketEvents } = createTicketEventActivities({ metrics: ticketEventMetrics(registry) });
    const dueAtMs = Date.parse('2026-03-02T10:00:00Z');
    const system = { type: 'system' as const, id: 'meridian' };
    const event = (seq: number, type: 'sla.breached' | 'escalation.level', atMs: number, data: Record<string, unknown>) => ({
      event: { ticketId: 'tkt_metrics', seq, type, atMs, actor: system, data },
      snapshot: SNAPSHOT,
    });
    const breach = event(1, 'sla.breached', dueAtMs + 1_500, { clock: 'firstResponse', dueAtMs, breachNumber: 1 });
    const level0 = event(2, 'escalation.level', dueAtMs + 1_600, { clock: 'firstResponse', level: 0, breachNumber: 1 });
    const level1 = event(3, 'escalation.level', dueAtMs + 1_800_000, { clock: 'firstResponse', level: 1, breachNumber: 1 });

    await recordTicketEvents({ entries: [breach, level0] });
    await recordTicketEvents({ entries: [breach, level0, level1] }); // a retry that also carries a newer event

    const text = await registry.metrics();
    expect(metricValue(text, 'meridian_event_write_duration_seconds_count', { outcome: 'stored' })).toBe(2);
    expect(metricValue(text, 'meridian_sla_breach_lateness_seconds_count', { clock: 'firstResponse' })).toBe(1);
    expect(metricValue(text, 'meridian_sla_breach_lateness_seconds_sum', { clock: 'firstResponse' })).toBeCloseTo(1.5);
    expect(metricValue(text, 'meridian_sla_breach_lateness_seconds_bucket', { clock: 'firstResponse', le: '1' })).toBe(0);
    expect(metricValue(text, 'meridian_sla_breach_lateness_seconds_bucket', { clock: 'firstResponse', le: '2.5' })).toBe(1);
    expect(metricValue(text, 'meridian_escalations_total', { clock: 'firstResponse', level: '0', outcome: 'applied' })).toBe(1);
    expect(metricValue(text, 'meridian_escalations_total', { clock: 'firstResponse', level: '1', outcome: 'applied' })).toBe(1);
  });
});
