/**
 * What a mail's sender verdict changes, end to end (real SMTP listener checking against a real DNS server, real
 * Temporal and database): a forged From is held (not threaded into the victim's ticket, no answer sent, no customer
 * touched), merge suggestions come only from authenticated mail, and staff see each message's verdict.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import request from 'supertest';
import { startInboundSmtp, type InboundSmtp } from '../../api/email/smtp-listener';
import { ticketThreadRoot } from '../../domain/messages/thread';
import { CustomerIdentityModel } from '../../models/customer-identity.model';
import { InboundMessageModel } from '../../models/inbound-message.model';
import { MergeSuggestionModel } from '../../models/merge-suggestion.model';
import { TicketModel } from '../../models/ticket.model';
import { createMailAuthenticator } from '../../services/email-auth/authenticate-mail';
import { createMailDnsResolver } from '../../services/email-auth/dns-resolver';
import { emailIntake } from '../../services/inbound/email-intake';
import { eventually, startHarness, type Harness } from '../support/harness';
import { captureLogger } from '../support/log-capture';
import { startMailDns, testMailDomains, type MailDns } from '../support/mail-dns';
import { eventsOf, openTicket, ticketBody, ticketWhen } from '../support/tickets';
import { routed } from './channel-support';

const { records, sign } = testMailDomains();

describe('e-mail sender authentication on tickets (real SMTP, DNS, Temporal)', () => {
  let h: Harness;
  let dns: MailDns;
  let listener: InboundSmtp;
  let transport: Transporter;
  beforeAll(async () => {
    dns = await startMailDns(records);
    h = await startHarness();
    const authenticator = createMailAuthenticator({ resolver: createMailDnsResolver([dns.server]), timeoutMs: 10_000, mta: 'mx.meridian.test' });
    listener = await startInboundSmtp({ host: '127.0.0.1', port: 0, maxMessageBytes: 5 * 1024 * 1024, authenticator, logger: captureLogger([]), onMail: emailIntake({ temporal: h.client, config: h.config, logger: captureLogger([]) }) });
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
  });
  afterAll(async () => {
    transport?.close();
    await listener?.stop();
    await h?.stop();
    await dns?.stop();
  });

  const send = (mail: nodemailer.SendMailOptions) => transport.sendMail({ to: 'support@meridian.test', ...mail });
  const staffView = async (id: string) => (await request(h.app).get(`/api/tickets/${id}`).set('Authorization', `Bearer ${h.adminKey}`).expect(200)).body;

  it('holds a forged reply into a customer’s ticket: nothing added to it, no ticket opened, nothing sent; staff see the real mail’s verdict', async () => {
    await send({ from: 'Bo <bo@example.test>', subject: 'Broken hinge', text: 'The hinge broke.', messageId: '<bo-1@example.test>', dkim: sign.example });
    const ticketId = (await routed('email', '<bo-1@example.test>')).ticketId!;
    await ticketWhen(ticketId, (t) => t.status === 'assigned');
    await eventually(async () => h.smtp.messages.find((m) => m.envelope.to.includes('bo@example.test')));
    const sentBefore = h.smtp.messages.length;

    // Unsigned, from someone else's server, claiming Bo's address and naming Bo's ticket thread.
    await send({ from: 'Bo <bo@example.test>', envelope: { from: 'x@elsewhere.test', to: ['support@meridian.test'] }, subject: 'Re: Broken hinge', text: 'Please refund to IBAN XX00 1234.', messageId: '<forged@elsewhere.test>', inReplyTo: ticketThreadRoot(ticketId) });
    const held = await eventually(async () => InboundMessageModel.findById('email:<forged@elsewhere.test>').lean());
    expect(held).toMatchObject({ status: 'held', authentication: { dkim: 'none', dmarc: 'fail', dmarcPolicy: 'none', aligned: false, spoofSuspected: true } });
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await eventsOf(ticketId)).filter((e) => e.type === 'message.customer')).toEqual([]);
    expect(await InboundMessageModel.findById('email:<forged@elsewhere.test>').lean()).toMatchObject({ status: 'held' });
    expect(h.smtp.messages.length).toBe(sentBefore);
    expect(await TicketModel.countDocuments({ subject: 'Re: Broken hinge' })).toBe(0);

    const view = await staffView(ticketId);
    expect(view.messagesIn).toEqual([
      expect.objectContaining({
        id: 'email:<bo-1@example.test>',
        channel: 'email',
        routed: 'opened',
        authentication: { fromDomain: 'example.test', spf: 'none', dkim: 'pass', dmarc: 'pass', dmarcPolicy: 'none', arc: 'none', aligned: true, spoofSuspected: false },
      }),
    ]);
  });

  it('refuses a forgery of a p=reject domain at the door: 550, nothing stored', async () => {
    await expect(send({ from: 'ceo@signed.test', envelope: { from: 'x@elsewhere.test', to: ['support@meridian.test'] }, subject: 'Wire', text: 'Now.', messageId: '<ceo@elsewhere.test>' })).rejects.toMatchObject({ responseCode: 550 });
    expect(await InboundMessageModel.countDocuments({ _id: 'email:<ceo@elsewhere.test>' })).toBe(0);
    expect(await CustomerIdentityModel.countDocuments({ _id: 'email:ceo@signed.test' })).toBe(0);
  });

  it('suggests a merge from a phone in an authenticated mail’s signature, never from an unauthenticated one', async () => {
    const phone = '+6281234500011';
    const di = await openTicket(h, ticketBody({ subject: 'Phone order' }, { email: 'di@elsewhere.test', phone })); // Di holds the number
    const diCustomer = (await ticketWhen(di.id, () => true)).customerId;
    await send({ from: 'Cy <cy@plain.test>', subject: 'Order 2', text: `Again.\n\n-- \nCy\nTel. ${phone}`, messageId: '<cy-2@plain.test>' });
    const cyCustomer = (await ticketWhen((await routed('email', '<cy-2@plain.test>')).ticketId!, () => true)).customerId;
    await send({ from: 'Ana <ana@signed.test>', subject: 'Order 3', text: `Hi.\n\n-- \nAna\nTel. ${phone}`, messageId: '<ana-3@signed.test>', dkim: sign.signed });
    const anaCustomer = (await ticketWhen((await routed('email', '<ana-3@signed.test>')).ticketId!, () => true)).customerId;
    const pairs = (await MergeSuggestionModel.find({ customerIds: diCustomer }).lean()).map((s) => s.customerIds.find((c) => c !== diCustomer));
    expect(pairs).toEqual([anaCustomer]);
    expect(pairs).not.toContain(cyCustomer);
  });
});
