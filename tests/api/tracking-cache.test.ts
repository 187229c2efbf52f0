import { randomBytes, randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { encodeQueryCode, QUERY_CODE_ALPHABET } from '../../domain/query-code';
import { eventually, startHarness, type Harness } from '../support/harness';
import { ticketBody, ticketWhen, type OpenedTicket } from '../support/tickets';

/** The code with its last character changed: one keystroke away from a real ticket, never issued. */
function nearMiss(code: string): string {
  const last = code.at(-1)!;
  return code.slice(0, -1) + QUERY_CODE_ALPHABET[(QUERY_CODE_ALPHABET.indexOf(last) + 1) % QUERY_CODE_ALPHABET.length]!;
}

describe('tracking answers from its cache (GET /api/track/{code}, answers at most a second old)', () => {
  let h: Harness;
  let app: Express;
  beforeAll(async () => {
    h = await startHarness();
    app = h.app;
  });
  afterAll(async () => h?.stop());

  const open = async (subject = 'Where is my order?'): Promise<OpenedTicket> => {
    const res = await request(app).post('/api/tickets').set('Idempotency-Key', randomUUID()).send(ticketBody({ subject })).expect(201);
    return res.body as OpenedTicket;
  };
  const track = (code: string) => request(app).get(`/api/track/${encodeURIComponent(code)}`);

  it('shows a status change made by staff on a page the customer keeps polling', async () => {
    const opened = await open();
    await ticketWhen(opened.id, (t) => t.status === 'assigned');
    expect((await track(opened.queryCode).expect(200)).body.status).toBe('assigned'); // now held by the cache
    await request(app).post(`/api/tickets/${opened.id}/info-requests`).set('Authorization', `Bearer ${h.adminKey}`).send({ body: 'Your order number?' }).expect(200);
    // A generous deadline: the bound (1 s after the read model is written) is the cache's; the test checks it shows.
    const waiting = await eventually(async () => {
      const res = await track(opened.queryCode).expect(200);
      return res.body.status === 'waiting_customer' ? res.body : null;
    }, 10_000);
    expect(waiting).toMatchObject({ waitingOnYou: true, messages: [{ from: 'support', body: 'Your order number?' }] });
  });

  it('answers never-issued and near-miss codes with the same 404 problem on every look, held or not', async () => {
    const opened = await open();
    await ticketWhen(opened.id, (t) => t.status === 'assigned');
    // Shown first: unknown codes then render this ticket for their timing, and must still show nothing of it.
    expect((await track(opened.queryCode).expect(200)).headers['cache-control']).toBe('no-store');
    const bodies = [];
    for (const code of [encodeQueryCode(randomBytes(8)), nearMiss(opened.queryCode)]) {
      for (let look = 0; look < 3; look++) {
        const res = await track(code).expect(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        const { instance, requestId, ...rest } = res.body as { instance: string; requestId: string };
        expect(instance).toBe(`/api/track/${code}`);
        expect(requestId).toEqual(expect.any(String));
        bodies.push(rest);
      }
    }
    expect(bodies[0]).toMatchObject({ status: 404, code: 'QUERY_CODE_NOT_FOUND' });
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(JSON.stringify(bodies)).not.toContain('Where is my order?');
  });

  it('never shows one customer’s ticket for another’s code, however often and concurrently they look', async () => {
    const subjects = ['Parcel lost', 'Refund please', 'Wrong size delivered'];
    const opened = await Promise.all(subjects.map((subject) => open(subject)));
    await Promise.all(opened.map((t) => ticketWhen(t.id, (doc) => doc.status === 'assigned')));
    const looks = Array.from({ length: 30 }, (_, i) => i % subjects.length);
    const seen = await Promise.all(looks.map(async (i) => [subjects[i], (await track(opened[i]!.queryCode).expect(200)).body.subject]));
    for (const [expected, shown] of seen) expect(shown).toBe(expected);
  });
});
