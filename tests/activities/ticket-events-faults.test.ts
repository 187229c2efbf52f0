import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { createTicketEventActivities } from '../../activities/ticket-events.activities';
import type { TicketSnapshot } from '../../domain/ticket-snapshot';
import { Registry } from '../../metrics/registry';
import { ticketEventMetrics } from '../../metrics/ticket-event-metrics';
import { TicketEventModel } from '../../models/ticket-event.model';
import { TicketModel } from '../../models/ticket.model';
import { startCuttingProxy, type CuttingProxy } from '../support/cutting-proxy';
import { withDatabase } from '../support/database';

const SNAPSHOT: TicketSnapshot = {
  status: 'assigned', language: 'en', categoryId: 'billing', priority: 'normal', processId: null, processVersion: null, slaPolicyId: null,
  task: null, sla: {}, breachCount: 0, nextUpdateDueAtMs: null, firstRespondedAtMs: null, resolvedAtMs: null, closesAtMs: null, closedAtMs: null, reopenCount: 0,
};

// The bytes of an insert command into the events collection (BSON: string element "insert", then the collection name).
const EVENT_INSERT = [Buffer.from('\x02insert\x00', 'latin1'), Buffer.from('ticket_events\x00', 'latin1')];

/** Event writes against a database server that dies in the middle of one (found by the chaos soak). */
describe('recording ticket events while the database dies', () => {
  let proxy: CuttingProxy;
  beforeAll(async () => {
    proxy = await startCuttingProxy(process.env.MONGODB_URI as string);
    await mongoose.connect(withDatabase(proxy.uri, `t_${process.pid}_${randomBytes(4).toString('hex')}`), { serverSelectionTimeoutMS: 10_000 });
  });
  afterAll(async () => {
    proxy.cut = [];
    await mongoose.connection.dropDatabase();
    await mongoose.disconnect();
    await proxy?.stop();
  });

  it("keeps a customer's message when the database dies while it is written: the write fails, and its retry stores it", async () => {
    const at = new Date('2026-03-02T09:00:00Z');
    await TicketModel.create({
      _id: 'tkt_cut', customerId: 'cus_1', regionId: 'test-utc', channel: 'web', subject: 'Refund', description: '…', intake: 'started',
      status: 'assigned', priority: 'normal', lastEventSeq: 0, publicTimeline: [], createdAt: at, updatedAt: at,
    });
    const { recordTicketEvents } = createTicketEventActivities({ metrics: ticketEventMetrics(new Registry()) });
    const message = {
      event: { ticketId: 'tkt_cut', seq: 1, type: 'message.customer' as const, atMs: at.getTime(), actor: { type: 'customer' as const, id: 'customer' }, data: { body: 'Any news?' } },
      snapshot: SNAPSHOT,
    };

    proxy.cut = EVENT_INSERT;
    // Reported as failed (the workflow retries it), never as stored: the customer would get a 201 for a lost message.
    await expect(recordTicketEvents({ entries: [message] })).rejects.toThrow();
    expect(proxy.cuts()).toBeGreaterThan(0);
    expect(await TicketModel.findById('tkt_cut', { lastEventSeq: 1 }).lean()).toMatchObject({ lastEventSeq: 0 });

    proxy.cut = [];
    await recordTicketEvents({ entries: [message] });
    const events = await TicketEventModel.find({ ticketId: 'tkt_cut' }).lean();
    expect(events.map((e) => ({ seq: e.seq, type: e.type, body: e.data.body }))).toEqual([{ seq: 1, type: 'message.customer', body: 'Any news?' }]);
    expect(await TicketModel.findById('tkt_cut').lean()).toMatchObject({ lastEventSeq: 1, publicTimeline: [expect.objectContaining({ seq: 1, data: { body: 'Any news?' } })] });
  });
});
