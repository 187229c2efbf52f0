import { createTicketEventActivities } from '../../activities/ticket-events.activities';
import type { TicketSnapshot } from '../../domain/ticket-snapshot';
import { TicketModel } from '../../models/ticket.model';
import { connectTestDatabase, type TestDatabase } from '../support/database';

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
    await createTicketEventActivities().recordTicketEvent({ event, snapshot: SNAPSHOT });

    expect(await TicketModel.findById('tkt_overlap').lean()).toMatchObject({ intake: 'started', status: 'triaged', lastEventSeq: 1 });
  });
});
