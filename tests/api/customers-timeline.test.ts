/**
 * The customer 360° timeline on the real stack: tickets opened and resolved, messages both ways, a rating and a merge, newest first; a
 * cursor walk gives the same items as one page, each once; agents see only their departments' tickets in it.
 */
import request from 'supertest';
import { createApiKey } from '../../api/middleware/auth';
import { surveyToken } from '../../services/surveys/survey-token';
import { openSurveyed } from '../corpus/corpus-fixtures';
import { startHarness, type Harness } from '../support/harness';
import { act, eventWhen, openTicket, readTicket, ticketBody, ticketWhen } from '../support/tickets';

interface Item {
  kind: string;
  at: string;
  ticket: { id: string } | null;
  body: string | null;
  score: number | null;
  comment: string | null;
}

describe('the customer timeline (real stack)', () => {
  let h: Harness;
  let customer: string;
  let ticketIds: string[];
  let agentA: string;
  const email = 'timeline.customer@example.com';

  const page = (query: string, key = h.adminKey) => request(h.app).get(`/api/customers/${customer}/timeline${query}`).set('Authorization', `Bearer ${key}`);

  beforeAll(async () => {
    h = await startHarness();
    agentA = (await createApiKey({ name: 'agent A', role: 'agent', departmentIds: ['support'] }, h.config.secret)).key;
    const first = await openTicket(h, ticketBody({ subject: 'First question' }, { email }));
    await ticketWhen(first.id, (t) => t.task !== null);
    expect((await act(h, first.id, 'replies', { body: 'We are looking into it.' })).status).toBe(200);
    const reply = await request(h.app).post(`/api/track/${first.queryCode}/messages`).send({ body: 'Thanks, any news?' });
    expect(reply.status).toBe(201);
    await eventWhen(first.id, 'message.customer');
    const night = await openTicket(h, ticketBody({ subject: 'nightowl second question' }, { email }));
    await ticketWhen(night.id, (t) => (t.departmentIds ?? []).includes('night'));
    customer = (await readTicket(first.id)).customerId;
    ticketIds = [first.id, night.id];
    // A second record of the same person, with a resolved ticket they rated, merged in.
    const other = { id: await openSurveyed(h) };
    const vote = await request(h.app).post(`/api/surveys/${surveyToken(h.config.secret, other.id)}`).send({ score: 4, comment: 'Quick and kind' });
    expect(vote.status).toBe(200);
    await eventWhen(other.id, 'survey.answered');
    const merged = await request(h.app).post(`/api/customers/${customer}/merge`).set('Authorization', `Bearer ${h.adminKey}`).send({ sourceId: (await readTicket(other.id)).customerId });
    expect(merged.status).toBe(200);
    ticketIds.push(other.id);
    await Promise.all(ticketIds.map((id) => eventWhen(id, 'ticket.created')));
  }, 180_000);
  afterAll(async () => h?.stop());

  it('shows tickets opened and resolved, messages both ways, the rating and the merge, newest first', async () => {
    const res = await page('?limit=100');
    expect(res.status).toBe(200);
    const items = res.body.items as Item[];
    expect(items.filter((i) => i.kind === 'merge')).toHaveLength(1);
    const times = items.map((i) => Date.parse(i.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(items.filter((i) => i.kind === 'ticket.opened').map((i) => i.ticket!.id).sort()).toEqual([...ticketIds].sort());
    expect(items.find((i) => i.kind === 'message.agent')?.body).toBe('We are looking into it.');
    expect(items.find((i) => i.kind === 'message.customer')?.body).toBe('Thanks, any news?');
    expect(items.filter((i) => i.kind === 'rating').map((i) => [i.ticket?.id, i.score, i.comment])).toEqual([[ticketIds[2], 4, 'Quick and kind']]);
    expect(items.filter((i) => i.kind === 'ticket.resolved').map((i) => i.ticket?.id)).toEqual([ticketIds[2]]);
    expect(res.body.nextCursor).toBeNull();
  });

  it('walks the same items page by page, each once', async () => {
    const all = (await page('?limit=100')).body.items as Item[];
    const walked: Item[] = [];
    let cursor: string | null = null;
    do {
      const res = await page(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      walked.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all);
    expect((await page('?cursor=yesterday')).status).toBe(400);
  });

  it('shows an agent only the tickets of its departments', async () => {
    const res = await page('?limit=100', agentA);
    expect(res.status).toBe(200);
    const tickets = new Set((res.body.items as Item[]).flatMap((i) => (i.ticket ? [i.ticket.id] : [])));
    expect(tickets.has(ticketIds[0]!)).toBe(true);
    expect(tickets.has(ticketIds[1]!)).toBe(false); // the night desk's
  });
});
