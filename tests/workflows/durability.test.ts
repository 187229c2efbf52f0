import { startHarness, eventually, type Harness } from '../support/harness';
import request from 'supertest';
import { eventsOf, openTicket, readTicket, ticketBody } from '../support/tickets';
import { startWorkerProcess, type WorkerProcess, workerEnv } from '../support/worker-process';
import { EmailOutboxModel } from '../../models/email-outbox.model';
import { TicketModel } from '../../models/ticket.model';
import { mailHeader } from '../support/smtp';

const SECOND = 1 / 60;
const TICKETS = 50;

function reply(h: Harness, id: string, key: string) {
  return request(h.app).post(`/api/tickets/${id}/replies`).set('Authorization', `Bearer ${h.adminKey}`).set('Idempotency-Key', key).send({ body: 'Sorry for the wait, checking now.' });
}

async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

describe('durability: kill -9 the worker with 50 tickets mid-lifecycle', () => {
  let h: Harness;
  let worker: WorkerProcess | undefined;
  beforeAll(async () => {
    h = await startHarness({
      worker: false,
      sla: {
        targets: { firstResponseMinutes: 12 * SECOND },
        ladder: [
          { afterMinutes: 0, actions: [{ type: 'notify_assignee' }] },
          { afterMinutes: 3 * SECOND, actions: [{ type: 'reassign_to_lead' }, { type: 'raise_priority' }] },
          { afterMinutes: 6 * SECOND, actions: [{ type: 'notify_ops' }] },
        ],
      },
    });
  });
  afterAll(async () => {
    await worker?.stop();
    await h?.stop();
  });

  it('brings every ticket to its expected state after a new worker starts, recording each event and escalation once', async () => {
    worker = await startWorkerProcess(workerEnv(h));
    const tickets = await inBatches([...Array(TICKETS).keys()], 10, () => openTicket(h, ticketBody()));
    await eventually(async () => (await TicketModel.countDocuments({ status: 'assigned' })) === TICKETS, 180_000);

    await worker.kill9(); // timers and pending activities now have no worker
    await new Promise((r) => setTimeout(r, 3_000));
    worker = await startWorkerProcess(workerEnv(h));

    const [answered, ignored] = [tickets.slice(0, TICKETS / 2), tickets.slice(TICKETS / 2)];
    // A client retries a 503 (the fresh worker may still be replaying) with the same Idempotency-Key: one reply each.
    await inBatches(answered, 10, (t) =>
      eventually(async () => (await reply(h, t.id, `reply-${t.id}`)).status === 200, 90_000, 1_000),
    );

    // Every level of the ladder applied on every ignored ticket, and the read model caught up with its events (a
    // batch stores its events first and the ticket's snapshot last).
    await eventually(async () => {
      const done = await Promise.all(
        ignored.map(async (t) => {
          const events = await eventsOf(t.id);
          return events.filter((e) => e.type === 'escalation.level').length >= 3 && (await readTicket(t.id)).lastEventSeq === events.length;
        }),
      );
      return done.every(Boolean);
    }, 150_000, 500);

    for (const t of tickets) {
      const events = await eventsOf(t.id);
      const ticket = await readTicket(t.id);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1)); // no gap, no duplicate
      expect(ticket.lastEventSeq).toBe(events.length);
      expect(events.filter((e) => e.type === 'ticket.created')).toHaveLength(1);
      const levels = events.filter((e) => e.type === 'escalation.level').map((e) => `${e.data.clock}:${e.data.breachNumber}:${e.data.level}`);
      expect(new Set(levels).size).toBe(levels.length); // no level fired twice
      if (answered.includes(t)) {
        expect(ticket.sla.firstResponse?.status).toBe('met');
        expect(events.filter((e) => e.type === 'message.agent')).toHaveLength(1);
      } else {
        expect(levels).toEqual(['firstResponse:1:0', 'firstResponse:1:1', 'firstResponse:1:2']);
        expect(ticket.task?.assigneeId).toBe('lena-lead');
        expect(ticket.priority).toBe('high');
      }
    }

    // The ignored tickets' ladders are complete (answered ones may still be escalating: they breached before the reply).
    const ignoredIds = new Set(ignored.map((t) => t.id));
    const sent = (await EmailOutboxModel.find({ purpose: /^escalation-/ }).lean()).filter((e) => ignoredIds.has(e.ticketId));
    expect(sent.every((e) => e.state === 'sent')).toBe(true);
    const ids = new Set(h.smtp.messages.map((m) => mailHeader(m, 'Message-ID')));
    for (const entry of sent) expect(ids.has(entry.messageId)).toBe(true);
    const escalationMails = h.smtp.messages.filter((m) => /SLA .* breached/.test(mailHeader(m, 'Subject') ?? '') && [...ignoredIds].some((id) => m.raw.includes(id)));
    expect(new Set(escalationMails.map((m) => mailHeader(m, 'Message-ID'))).size).toBe(sent.length);
    for (const t of ignored) expect(sent.filter((e) => e.ticketId === t.id && e.purpose === 'escalation-ops')).toHaveLength(1);
  }, 600_000);
});
