/**
 * E-mail in, end to end over real SMTP: a customer's mail opens a ticket (by e-mail, acknowledged by e-mail), their
 * reply to our mail continues it (thread headers), the same mail delivered twice is stored once, a reply that names
 * someone else's ticket does not get into it, and an auto-reply neither opens a ticket nor gets an answer (no loop,
 * even when an auto-responder keeps answering our acknowledgement).
 */
import nodemailer from 'nodemailer';
import { startInboundSmtp, type InboundSmtp } from '../../api/email/smtp-listener';
import { ticketThreadRoot } from '../../domain/messages/thread';
import { InboundAttachmentModel } from '../../models/inbound-attachment.model';
import { InboundMessageModel } from '../../models/inbound-message.model';
import { TicketModel } from '../../models/ticket.model';
import { emailIntake } from '../../services/inbound/email-intake';
import { captureLogger } from '../support/log-capture';
import { eventually, startHarness, type Harness } from '../support/harness';
import { mailHeader } from '../support/smtp';
import { eventsOf, ticketWhen } from '../support/tickets';
import { routed } from './channel-support';

describe('e-mail in (real SMTP both ways)', () => {
  let h: Harness;
  let listener: InboundSmtp;
  let transport: nodemailer.Transporter;
  beforeAll(async () => {
    h = await startHarness();
    listener = await startInboundSmtp({ host: '127.0.0.1', port: 0, maxMessageBytes: 5 * 1024 * 1024, onMail: emailIntake({ temporal: h.client, config: h.config, logger: captureLogger([]) }) });
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
  });
  afterAll(async () => {
    transport?.close();
    await listener?.stop();
    await h?.stop();
  });

  const send = (mail: nodemailer.SendMailOptions) => transport.sendMail({ to: 'support@meridian.test', ...mail });
  const ticketOfMail = async (messageId: string) => (await routed('email', messageId)).ticketId!;

  it('opens a ticket for a new mail, acknowledges it by e-mail, and continues it with the customer’s reply', async () => {
    await send({ from: 'Lina Park <lina.park@example.test>', subject: 'Refund for order 4711', text: 'I returned the parcel last week.', messageId: '<first@example.test>', attachments: [{ filename: 'receipt.txt', content: 'receipt 4711' }] });
    const ticketId = await ticketOfMail('<first@example.test>');
    const ticket = await ticketWhen(ticketId, (t) => t.status === 'assigned');
    expect(ticket).toMatchObject({ channel: 'email', subject: 'Refund for order 4711', description: 'I returned the parcel last week.' });
    const stored = await InboundMessageModel.findById('email:<first@example.test>').lean();
    expect(stored?.attachments?.map((a) => [a.filename, a.size])).toEqual([['receipt.txt', 12]]);
    expect(await InboundAttachmentModel.countDocuments({ _id: stored!.attachments![0]!.sha256 })).toBe(1);
    const ack = await eventually(async () => h.smtp.messages.find((m) => m.envelope.to.includes('lina.park@example.test')));
    expect(mailHeader(ack, 'message-id')).toBe(ticketThreadRoot(ticketId));

    // Her reply to our acknowledgement, quoting it: continues the ticket with her words only.
    await send({ from: 'lina.park@example.test', subject: 'Re: Refund for order 4711', text: 'Here is the tracking number: ZX81.\n\nOn Tue, Meridian wrote:\n> We received your request', messageId: '<second@example.test>', inReplyTo: ticketThreadRoot(ticketId), references: [ticketThreadRoot(ticketId)] });
    expect(await ticketOfMail('<second@example.test>')).toBe(ticketId);
    const said = (await eventsOf(ticketId)).filter((e) => e.type === 'message.customer').map((e) => [e.data.channel, e.data.body]);
    expect(said).toEqual([['email', 'Here is the tracking number: ZX81.']]);

    // The same mail again (the sender never saw our 250): stored once, routed once.
    await send({ from: 'lina.park@example.test', subject: 'Re: Refund for order 4711', text: 'Here is the tracking number: ZX81.', messageId: '<second@example.test>', inReplyTo: ticketThreadRoot(ticketId) });
    await new Promise((r) => setTimeout(r, 500));
    expect((await eventsOf(ticketId)).filter((e) => e.type === 'message.customer')).toHaveLength(1);
  });

  it('does not let a mail that names someone else’s ticket into it', async () => {
    await send({ from: 'owner@example.test', subject: 'My own problem', text: 'Please help.', messageId: '<owner@example.test>' });
    const owners = await ticketOfMail('<owner@example.test>');
    await send({ from: 'stranger@example.test', subject: 'Re: My own problem', text: 'Let me in.', messageId: '<stranger@example.test>', inReplyTo: ticketThreadRoot(owners) });
    const strangers = await ticketOfMail('<stranger@example.test>');
    expect(strangers).not.toBe(owners);
    expect((await eventsOf(owners)).filter((e) => e.type === 'message.customer')).toEqual([]);
  });

  it('never answers an auto-responder that answers our acknowledgement, however often it does (no mail loop)', async () => {
    await send({ from: 'loop@example.test', subject: 'Help', text: 'Please help.', messageId: '<loop-0@example.test>' });
    const ticketId = await ticketOfMail('<loop-0@example.test>');
    await eventually(async () => h.smtp.messages.find((m) => m.envelope.to.includes('loop@example.test')));
    // Their out-of-office answers our acknowledgement, then answers again (as two responders answering each other do).
    for (const n of [1, 2, 3]) {
      await send({ from: 'loop@example.test', subject: 'Automatic reply: Help', text: 'I am away.', messageId: `<loop-${n}@example.test>`, inReplyTo: ticketThreadRoot(ticketId), headers: { 'Auto-Submitted': 'auto-replied' } });
    }
    await eventually(async () => ((await InboundMessageModel.countDocuments({ _id: /^email:<loop-[123]@/, status: 'ignored' })) === 3 ? true : undefined));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(h.smtp.messages.filter((m) => m.envelope.to.includes('loop@example.test'))).toHaveLength(1); // the acknowledgement only
    expect((await eventsOf(ticketId)).filter((e) => e.type === 'message.customer')).toEqual([]);
  });

  it('stores an auto-reply without opening a ticket or answering it', async () => {
    await send({ from: 'away@example.test', subject: 'Out of office', text: 'I am away until Monday.', messageId: '<away@example.test>', headers: { 'Auto-Submitted': 'auto-replied' } });
    const stored = await eventually(async () => InboundMessageModel.findById('email:<away@example.test>').lean());
    expect(stored).toMatchObject({ status: 'ignored', classification: { kind: 'automatic', reason: 'auto_submitted' } });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await TicketModel.countDocuments({ subject: 'Out of office' })).toBe(0);
    expect(h.smtp.messages.filter((m) => m.envelope.to.includes('away@example.test'))).toEqual([]);
  });
});
