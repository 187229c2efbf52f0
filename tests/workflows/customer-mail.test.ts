import request from 'supertest';
import { startHarness, type Harness } from '../support/harness';
import { mailHeader, mailText as textOf, waitForMail, type CaughtMail } from '../support/smtp';
import { act, openTicket, ticketBody, ticketWhen } from '../support/tickets';

/** The tracking link in a mail, as a path on our API (the harness's public base URL is http://meridian.test). */
function trackingPath(mail: CaughtMail): string {
  const link = /http:\/\/meridian\.test(\/api\/track\/MRD-[0-9A-Z-]+)/.exec(textOf(mail));
  if (!link) throw new Error(`no tracking link in:\n${textOf(mail)}`);
  return link[1]!;
}

describe('the customer hears from us: acknowledgement and replies by e-mail, with a working tracking link', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  it('acknowledges every new ticket with its query code and a tracking link that answers', async () => {
    const body = ticketBody({ subject: 'Parcel never arrived' }, { name: 'Amara Okafor' });
    const opened = await openTicket(h, body);
    const ack = await waitForMail(h.smtp, (m) => m.envelope.to.includes(body.customer.email) && textOf(m).includes(opened.queryCode), 15_000);
    expect(mailHeader(ack, 'Subject')).toBe(`We received your request: Parcel never arrived [${opened.queryCode}]`);
    expect(textOf(ack)).toContain('Hello Amara Okafor,');
    expect(mailHeader(ack, 'Auto-Submitted')).toBe('auto-generated'); // never answered by the customer's auto-responder (RFC 3834)
    const path = trackingPath(ack);
    expect(`http://meridian.test${path}`).toBe(opened.trackingUrl);
    const tracked = await request(h.app).get(path).expect(200);
    expect(tracked.body.subject).toBe('Parcel never arrived');
    // One acknowledgement, however the ticket goes on.
    await ticketWhen(opened.id, (t) => t.status === 'assigned');
    expect(h.smtp.messages.filter((m) => m.envelope.to.includes(body.customer.email))).toHaveLength(1);
  });

  it('sends an agent reply with the agent’s words and the real tracking link', async () => {
    const body = ticketBody();
    const opened = await openTicket(h, body);
    await ticketWhen(opened.id, (t) => t.status === 'assigned');
    await act(h, opened.id, 'replies', { body: 'Your parcel is at the depot; it goes out tomorrow.' }).expect(200);
    const reply = await waitForMail(h.smtp, (m) => m.envelope.to.includes(body.customer.email) && (mailHeader(m, 'Subject') ?? '').startsWith('Re:'), 15_000);
    expect(textOf(reply)).toContain('Your parcel is at the depot; it goes out tomorrow.');
    expect(textOf(reply)).not.toContain('<your query code>');
    await request(h.app).get(trackingPath(reply)).expect(200);
    expect(trackingPath(reply)).toBe(new URL(opened.trackingUrl).pathname);
  });

  it('asks for information by e-mail, pointing the customer to where they can answer', async () => {
    const body = ticketBody();
    const opened = await openTicket(h, body);
    await ticketWhen(opened.id, (t) => t.status === 'assigned');
    await act(h, opened.id, 'info-requests', { body: 'Which order number was it?' }).expect(200);
    const ask = await waitForMail(h.smtp, (m) => m.envelope.to.includes(body.customer.email) && textOf(m).includes('Which order number was it?'), 15_000);
    expect(mailHeader(ask, 'Subject')).toContain(opened.queryCode);
    const path = trackingPath(ask);
    await request(h.app).post(`${path}/messages`).send({ body: 'Order 4711' }).expect(201);
    await ticketWhen(opened.id, (t) => t.status === 'assigned');
  });

  it('tells the customer once per resolution, with until when a reply reopens it, in their language and zone', async () => {
    const body = ticketBody({ subject: 'Paket nie angekommen' }, { name: 'Jonas', language: 'de', timeZone: 'Europe/Berlin' });
    const opened = await openTicket(h, body);
    const t = await ticketWhen(opened.id, (x) => x.status === 'assigned');
    await act(h, opened.id, 'complete', { taskId: t.task!.taskId, outcome: 'done' }).expect(200);
    const resolved = await ticketWhen(opened.id, (x) => x.status === 'resolved');
    const isNotice = (m: CaughtMail) => m.envelope.to.includes(body.customer.email) && (mailHeader(m, 'Subject') ?? '').includes('erledigt');
    const notice = await waitForMail(h.smtp, isNotice, 15_000);
    expect(mailHeader(notice, 'Content-Language')).toBe('de');
    expect(mailHeader(notice, 'Auto-Submitted')).toBe('auto-generated');
    expect(mailHeader(notice, 'In-Reply-To')).toBeTruthy(); // in the ticket's thread
    const deadline = new Intl.DateTimeFormat('de-DE', { hour: 'numeric', minute: '2-digit', timeZone: 'Europe/Berlin' }).format(resolved.closesAtMs!);
    expect(textOf(notice)).toContain(deadline);
    expect(trackingPath(notice)).toBe(new URL(opened.trackingUrl).pathname);

    // A reply reopens it; the next resolution sends a second notice, never a repeat of the first.
    await request(h.app).post(`${trackingPath(notice)}/messages`).send({ body: 'Doch nicht da.' }).expect(201);
    const reopened = await ticketWhen(opened.id, (x) => x.status === 'assigned' && x.reopenCount === 1);
    await act(h, opened.id, 'complete', { taskId: reopened.task!.taskId, outcome: 'done' }).expect(200);
    await ticketWhen(opened.id, (x) => x.status === 'resolved' && x.reopenCount === 1);
    await waitForMail(h.smtp, (m) => isNotice(m) && m !== notice, 15_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(h.smtp.messages.filter(isNotice)).toHaveLength(2);
  });
});
