import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { EmailOutboxModel } from '../../models/email-outbox.model';
import { eventually, startHarness, type Harness } from '../support/harness';
import { mailHeader } from '../support/smtp';
import { act, eventsOf, eventWhen, openTicket, readTicket, ticketBody, ticketWhen } from '../support/tickets';
import { startWorkerProcess, type WorkerProcess, workerEnv } from '../support/worker-process';

/** Every event once, in order: seqs 1..n without a gap, and the read model caught up with the last one. */
async function expectEventsOnceAndSnapshotCaughtUp(id: string): Promise<string[]> {
  const events = await eventsOf(id);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect((await readTicket(id)).lastEventSeq).toBe(events.length);
  return events.map((e) => e.type);
}

// A worker is killed with SIGKILL inside an activity, between its external effect and its record
// (tests/support/crashing-worker.ts); then a normal worker takes over on the real dev server, in real time: the
// killed attempt is retried after its 30-second start-to-close timeout.
describe('crash points: kill -9 inside an activity, between its effect and its record', () => {
  let h: Harness;
  let dir: string;
  let worker: WorkerProcess | undefined;
  beforeEach(async () => {
    h = await startHarness({ worker: false });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-crash-'));
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await h?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** Runs the crashing worker until it kills itself at `point`, then starts a normal one. */
  async function crashAt(point: string, trigger: () => Promise<void>): Promise<void> {
    const marker = path.join(dir, 'crashed');
    worker = await startWorkerProcess({ ...workerEnv(h), CRASH_POINT: point, CRASH_MARKER: marker }, { entry: 'tests/support/crashing-worker.ts' });
    await trigger();
    expect(await worker.exited).toBe('SIGKILL');
    await fs.access(marker); // it died at that point, not elsewhere
    worker = await startWorkerProcess(workerEnv(h));
  }

  it('after the SMTP server accepted the acknowledgement but before the outbox marked it sent: one message, every event once', async () => {
    const body = ticketBody();
    const email = body.customer.email;
    let id = '';
    await crashAt('outbox-sent', async () => {
      ({ id } = await openTicket(h, body));
    });
    const toCustomer = () => h.smtp.messages.filter((m) => m.envelope.to.includes(email));
    expect(toCustomer()).toHaveLength(1); // accepted before the crash
    expect(await EmailOutboxModel.findById(`${id}:acknowledgement`).lean()).toMatchObject({ state: 'sending' });

    const entry = await eventually(async () => {
      const e = await EmailOutboxModel.findById(`${id}:acknowledgement`).lean();
      return e?.state === 'sent' ? e : undefined;
    }, 150_000, 500);
    await ticketWhen(id, (t) => t.status === 'assigned', 180_000);

    expect(await EmailOutboxModel.countDocuments({ ticketId: id })).toBe(1);
    // SMTP has no idempotency: the server accepted the mail, the worker died before recording it, so the retried
    // activity (once the crashed attempt's lease ran out) sent it again, with the reserved Message-ID. Mail clients and
    // providers show one message per Message-ID. The guarantee is one distinct Message-ID and at most two deliveries.
    const copies = toCustomer();
    expect(new Set(copies.map((m) => mailHeader(m, 'Message-ID')))).toEqual(new Set([entry.messageId]));
    expect(copies.length).toBeLessThanOrEqual(2);
    const types = await expectEventsOnceAndSnapshotCaughtUp(id);
    expect(types).toEqual(['ticket.created', 'ticket.triaged', 'task.created']);
  }, 600_000);

  it('after a reply’s event was stored but before the ticket snapshot was updated: one reply event, one mail, snapshot caught up', async () => {
    const body = ticketBody();
    const email = body.customer.email;
    const key = randomUUID();
    let id = '';
    const reply = () => act(h, id, 'replies', { body: 'We found your parcel.' }).set('Idempotency-Key', key);
    let first: Awaited<ReturnType<typeof reply>> | undefined;
    await crashAt('event-stored:message.agent', async () => {
      ({ id } = await openTicket(h, body));
      await ticketWhen(id, (t) => t.status === 'assigned');
      first = await reply(); // the worker dies while recording it: the staff member is told to retry
    });
    expect(first?.status).toBe(503);
    const stored = await eventWhen(id, 'message.agent');
    expect((await readTicket(id)).lastEventSeq).toBe(stored.seq - 1); // the crash left the snapshot behind

    // The staff member's client retries with the same Idempotency-Key until the ticket answers.
    await eventually(async () => (await reply()).status === 200, 150_000, 1_000);
    await ticketWhen(id, (t) => t.lastEventSeq >= stored.seq, 180_000);
    const replies = () => h.smtp.messages.filter((m) => m.envelope.to.includes(email) && /^Re: /.test(mailHeader(m, 'Subject') ?? ''));
    await eventually(async () => replies().length > 0, 180_000);
    const entry = await EmailOutboxModel.findOne({ ticketId: id, purpose: 'agent-reply' }).lean();
    expect(replies().map((m) => mailHeader(m, 'Message-ID'))).toEqual([entry?.messageId]);

    const types = await expectEventsOnceAndSnapshotCaughtUp(id);
    expect(types.filter((t) => t === 'message.agent')).toHaveLength(1);
    expect(types).toEqual(['ticket.created', 'ticket.triaged', 'task.created', 'sla.met', 'message.agent']);
  }, 600_000);
});
