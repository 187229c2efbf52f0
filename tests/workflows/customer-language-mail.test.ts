import { randomUUID } from 'node:crypto';
import { updateVerifiedProfile } from '../../services/customers/verified-profile';
import { startHarness, type Harness } from '../support/harness';
import { mailHeader, mailHtml, mailText, waitForMail, type CaughtMail } from '../support/smtp';
import { act, openTicket, readTicket, ticketBody, ticketWhen } from '../support/tickets';

const subjectOf = (mail: CaughtMail): string => mailHeader(mail, 'Subject') ?? '';

describe('customer mail in the customer’s language, threaded on the acknowledgement', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  it('acknowledges a ticket opened in Spanish in Spanish, as text and HTML, and threads the agent’s reply to it', async () => {
    const body = ticketBody({ subject: 'Mi pedido no llegó', description: 'Hola, todavía no he recibido mi pedido.' }, { name: 'Lucía & <Hermanos>', language: 'es', timeZone: 'America/Mexico_City' });
    const email = body.customer.email as string;
    const opened = await openTicket(h, body);

    const ack = await waitForMail(h.smtp, (m) => m.envelope.to.includes(email) && subjectOf(m).includes(opened.queryCode), 20_000);
    expect(subjectOf(ack)).toBe(`Hemos recibido su solicitud: Mi pedido no llegó [${opened.queryCode}]`);
    expect(mailHeader(ack, 'Content-Type')).toMatch(/^multipart\/alternative/);
    expect(mailHeader(ack, 'Content-Language')).toBe('es');
    expect(mailHeader(ack, 'Auto-Submitted')).toBe('auto-generated');
    const text = mailText(ack);
    expect(text).toContain('Hola, Lucía & <Hermanos>:');
    expect(text).toContain(`Guarde su código de consulta ${opened.queryCode}`);
    expect(text).toContain(`Siga su solicitud y responda aquí: ${opened.trackingUrl}`);
    const html = mailHtml(ack);
    expect(html).toContain('<html lang="es" dir="ltr">');
    expect(html).toContain('Hola, <bdi>Lucía &amp; &lt;Hermanos&gt;</bdi>:');
    expect(html).not.toContain('<Hermanos>');
    expect(html).toContain(`<a href="${opened.trackingUrl}" dir="ltr">`);
    const root = mailHeader(ack, 'Message-ID');
    expect(root).toBe(`<ticket.${opened.id}@meridian>`); // from the ticket alone: a retry cannot change it
    expect(mailHeader(ack, 'In-Reply-To')).toBeUndefined();

    await ticketWhen(opened.id, (t) => t.status === 'assigned');
    await act(h, opened.id, 'replies', { body: 'Su paquete sale mañana.\n<script>alert(1)</script> & gracias' }).expect(200);
    const reply = await waitForMail(h.smtp, (m) => m.envelope.to.includes(email) && subjectOf(m).startsWith('Re: '), 20_000);
    expect(subjectOf(reply)).toBe(`Re: Mi pedido no llegó [${opened.queryCode}]`);
    expect(mailHeader(reply, 'In-Reply-To')).toBe(root);
    expect(mailHeader(reply, 'References')).toBe(root);
    expect(mailHeader(reply, 'Message-ID')).not.toBe(root);
    expect(mailHeader(reply, 'Auto-Submitted')).toBeUndefined(); // a person wrote it
    expect(mailText(reply)).toContain(`Su paquete sale mañana.\n<script>alert(1)</script> & gracias\n\n--\nSu código de consulta: ${opened.queryCode}`);
    expect(mailHtml(reply)).toContain('Su paquete sale mañana.<br>&lt;script&gt;alert(1)&lt;/script&gt; &amp; gracias');
    expect(mailHtml(reply)).not.toContain('<script>');
  });

  it('writes to a customer in the language staff verified, right to left in Arabic, whatever a later request claims', async () => {
    const email = `verified-ar-${randomUUID().slice(0, 8)}@example.test`;
    const first = await openTicket(h, ticketBody({}, { email }));
    const { customerId } = await readTicket(first.id);
    expect(await updateVerifiedProfile(customerId, { name: 'Layla Haddad', language: 'ar', timeZone: 'Asia/Riyadh' }, 'staff')).toBe(true);

    const later = await openTicket(h, ticketBody({ subject: 'Refund' }, { email, name: 'Someone Else', language: 'de' }));
    const ack = await waitForMail(h.smtp, (m) => subjectOf(m).includes(later.queryCode), 20_000);
    expect(subjectOf(ack)).toBe(`استلمنا طلبك: Refund [${later.queryCode}]`);
    expect(mailText(ack)).toContain('مرحبًا Layla Haddad،');
    expect(mailHtml(ack)).toContain('<html lang="ar" dir="rtl">');
    expect(mailHeader(ack, 'Message-ID')).toBe(`<ticket.${later.id}@meridian>`);
  });
});
