import request from 'supertest';
import { TicketModel } from '../../models/ticket.model';
import { startHarness, type Harness } from '../support/harness';
import { act, eventsOf, openTicket, ticketWhen } from '../support/tickets';

/** Bounded documents: a long ticket keeps a capped public timeline and pages the rest, for staff and customers alike. */
describe('long tickets: the timelines are paged, the ticket document stays bounded', () => {
  let h: Harness;
  let id = '';
  let queryCode = '';
  const CUSTOMER_MESSAGES = 60;
  const NOTES = 50;
  beforeAll(async () => {
    h = await startHarness();
    ({ id, queryCode } = await openTicket(h));
    await ticketWhen(id, (t) => t.status === 'assigned');
    for (let i = 0; i < CUSTOMER_MESSAGES; i++) await request(h.app).post(`/api/track/${queryCode}/messages`).send({ body: `message ${i}` }).expect(201);
    for (let i = 0; i < NOTES; i++) await act(h, id, 'notes', { body: `note ${i}` }).expect(200);
  }, 120_000);
  afterAll(async () => h?.stop());

  const staff = (path: string) => request(h.app).get(path).set('Authorization', `Bearer ${h.adminKey}`);

  it('shows staff the latest 100 events and pages back through every earlier one exactly once', async () => {
    const total = (await eventsOf(id)).length;
    expect(total).toBeGreaterThan(100);
    const view = await staff(`/api/tickets/${id}`).expect(200);
    expect(view.body.timeline).toHaveLength(100);
    expect(view.body.timeline.at(-1).seq).toBe(total);
    const seqs: number[] = view.body.timeline.map((e: { seq: number }) => e.seq);
    let before: number | null = view.body.timelineBefore;
    while (before !== null) {
      const page = await staff(`/api/tickets/${id}/events?before=${before}&limit=7`).expect(200);
      seqs.unshift(...page.body.items.map((e: { seq: number }) => e.seq));
      before = page.body.before;
    }
    expect(seqs).toEqual([...Array(total).keys()].map((i) => i + 1));
    expect((await staff(`/api/tickets/${id}/events?before=abc`)).status).toBe(400);
    expect((await staff(`/api/tickets/${id}/events?limit=1000`)).status).toBe(400);
  });

  it('keeps only the latest public events on the ticket; the customer pages older messages by cursor', async () => {
    const doc = await TicketModel.findById(id).lean();
    expect(doc!.publicTimeline.length).toBeLessThanOrEqual(50);
    const tracked = await request(h.app).get(`/api/track/${queryCode}`).expect(200);
    const bodies: string[] = tracked.body.messages.map((m: { body: string }) => m.body);
    expect(bodies.at(-1)).toBe(`message ${CUSTOMER_MESSAGES - 1}`);
    let before: number | null = tracked.body.olderMessagesBefore;
    expect(before).not.toBeNull();
    while (before !== null) {
      const page = await request(h.app).get(`/api/track/${queryCode}/messages?before=${before}&limit=20`).expect(200);
      bodies.unshift(...page.body.items.map((m: { body: string }) => m.body));
      before = page.body.before;
    }
    expect(bodies).toEqual([...Array(CUSTOMER_MESSAGES).keys()].map((i) => `message ${i}`)); // all, once, in order, no notes
  });
});
