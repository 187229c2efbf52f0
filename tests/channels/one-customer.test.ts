/**
 * The scenario, end to end on the real stack: a customer writes on WhatsApp, then by e-mail with the same
 * phone number in their signature, then on LINE. Three channels make three customers at first (nothing is merged
 * on a loose match); the e-mail's signature suggests a merge with the WhatsApp customer; staff apply it and merge the
 * LINE customer too: one customer, one 360° timeline across the three channels, and the answer to their next message
 * leaves through the channel of that message.
 */
import nodemailer from 'nodemailer';
import request from 'supertest';
import { startInboundSmtp, type InboundSmtp } from '../../api/email/smtp-listener';
import { createMailAuthenticator } from '../../services/email-auth/authenticate-mail';
import { createMailDnsResolver } from '../../services/email-auth/dns-resolver';
import { emailIntake } from '../../services/inbound/email-intake';
import { startFakeLine, type FakeLine } from '../support/fake-channels/fake-line';
import { startFakeWhatsApp, type FakeWhatsApp } from '../support/fake-channels/fake-whatsapp';
import { PHONE_NUMBER_ID, whatsAppText } from '../support/fake-channels/meta-deliveries';
import { signedLineDelivery, signedMetaDelivery } from '../support/fake-channels/signing';
import { LINE_DESTINATION, lineDelivery, lineMessageEvent } from '../support/fake-channels/telegram-line-deliveries';
import { eventually, startHarness, type Harness } from '../support/harness';
import { captureLogger } from '../support/log-capture';
import { startMailDns, testMailDomains, type MailDns } from '../support/mail-dns';
import { act, readTicket, ticketWhen } from '../support/tickets';
import { deliver, putChannel, routed, SECRETS } from './channel-support';

const LINE_USER = 'U9f1e2d3c4b5a69788796a5b4c3d2e1f0';

describe('one customer across WhatsApp, e-mail and LINE (real stack)', () => {
  let h: Harness;
  let wa: FakeWhatsApp;
  let line: FakeLine;
  let listener: InboundSmtp;
  let dns: MailDns;
  const domains = testMailDomains();
  beforeAll(async () => {
    wa = await startFakeWhatsApp({ token: SECRETS.whatsapp.accessToken, phoneNumberId: PHONE_NUMBER_ID });
    line = await startFakeLine({ token: SECRETS.line.channelAccessToken });
    h = await startHarness();
    await putChannel(h, 'wa-main', { kind: 'whatsapp', accountId: PHONE_NUMBER_ID, secrets: SECRETS.whatsapp, apiBaseUrl: wa.url }).expect(201);
    await putChannel(h, 'line-main', { kind: 'line', accountId: LINE_DESTINATION, secrets: SECRETS.line, apiBaseUrl: line.url }).expect(201);
    // Merge suggestions come only from mail whose sender is proven: the listener checks DKIM against a local DNS server.
    dns = await startMailDns(domains.records);
    const authenticator = createMailAuthenticator({ resolver: createMailDnsResolver([dns.server]), timeoutMs: 10_000, mta: 'mx.meridian.test' });
    listener = await startInboundSmtp({ host: '127.0.0.1', port: 0, maxMessageBytes: 1024 * 1024, authenticator, logger: captureLogger([]), onMail: emailIntake({ temporal: h.client, config: h.config, logger: captureLogger([]) }) });
  });
  afterAll(async () => {
    await listener?.stop();
    await h?.stop();
    await dns?.stop();
    await Promise.all([wa?.stop(), line?.stop()]);
  });

  const staff = (method: 'get' | 'post', path: string) => request(h.app)[method](path).set('Authorization', `Bearer ${h.adminKey}`);
  const lineMessage = (id: string, text: string) =>
    signedLineDelivery(lineDelivery([lineMessageEvent({ userId: LINE_USER, timestampMs: Date.now(), webhookEventId: `01HZZ${id.padStart(21, '0')}` }, { type: 'text', id, text })]), SECRETS.line.channelSecret);

  it('suggests the merge from the e-mail’s signature, and after the merges shows one customer, one timeline, answers on the latest channel', async () => {
    // 1. WhatsApp.
    await deliver(h, 'wa-main', signedMetaDelivery(whatsAppText({ waId: '6281234567890', name: 'Lina Park' }, 'wamid.lina-1', Math.floor(Date.now() / 1000), 'Pesanan 4711 belum sampai'), SECRETS.whatsapp.appSecret)).expect(200);
    const waTicket = await ticketWhen((await routed('wa-main', 'wamid.lina-1')).ticketId!, (t) => t.status === 'assigned');
    const waCustomer = waTicket.customerId;

    // 2. E-mail, with the same number in the signature: a customer of its own, and a suggestion.
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'Lina Park <lina.park@example.test>', to: 'support@meridian.test', subject: 'Order 4711', text: 'Any news about order 4711?\n\n-- \nLina Park\nTel. +62 812-3456-7890', messageId: '<lina-mail@example.test>', dkim: domains.sign.example });
    transport.close();
    const mailTicket = await ticketWhen((await routed('email', '<lina-mail@example.test>')).ticketId!, (t) => t.status === 'assigned');
    expect(mailTicket.customerId).not.toBe(waCustomer); // never merged on a phone number someone typed
    const suggestion = await eventually(async () => {
      const items = (await staff('get', '/api/customers/merge-suggestions').expect(200)).body.items as Array<{ customers: Array<{ id: string; identities: string[] }> }>;
      return items.find((s) => s.customers.some((c) => c.id === waCustomer) && s.customers.some((c) => c.id === mailTicket.customerId));
    });
    expect(suggestion.customers.find((c) => c.id === waCustomer)?.identities).toEqual(['phone:+6281234567890']);

    // 3. LINE: a third customer (LINE gives no phone or address to connect it by).
    await deliver(h, 'line-main', lineMessage('500000000000000001', 'ยังไม่ได้รับพัสดุ')).expect(200);
    const lineTicket = await ticketWhen((await routed('line-main', '500000000000000001')).ticketId!, (t) => t.status === 'assigned');
    expect(new Set([waCustomer, mailTicket.customerId, lineTicket.customerId]).size).toBe(3);

    // Staff apply the suggestion and merge the LINE customer: one customer with every identity and ticket.
    await staff('post', `/api/customers/${waCustomer}/merge`).send({ sourceId: mailTicket.customerId, reason: 'same phone in the e-mail signature' }).expect(200);
    await staff('post', `/api/customers/${waCustomer}/merge`).send({ sourceId: lineTicket.customerId, reason: 'confirmed on the phone' }).expect(200);
    const record = (await staff('get', `/api/customers/${waCustomer}`).expect(200)).body as { identities: Array<{ id: string }> };
    expect(record.identities.map((i) => i.id).sort()).toEqual([`line:${LINE_USER}`, 'email:lina.park@example.test', 'phone:+6281234567890', 'whatsapp:6281234567890'].sort());
    for (const t of [waTicket, mailTicket, lineTicket]) expect((await readTicket(t._id)).customerId).toBe(waCustomer);
    const timeline = (await staff('get', `/api/customers/${waCustomer}/timeline?limit=100`).expect(200)).body.items as Array<{ kind: string; ticket: { channel: string } | null }>;
    expect(new Set(timeline.filter((i) => i.kind === 'ticket.opened').map((i) => i.ticket!.channel))).toEqual(new Set(['whatsapp', 'email', 'line']));
    expect(timeline.filter((i) => i.kind === 'merge')).toHaveLength(2);

    // Their next message, on LINE, continues their latest open ticket; the agent's answer leaves on LINE.
    await deliver(h, 'line-main', lineMessage('500000000000000002', 'มีความคืบหน้าไหมคะ')).expect(200);
    const next = await routed('line-main', '500000000000000002');
    expect(next.routed).toBe('continued');
    const ticket = await ticketWhen(next.ticketId!, (t) => t.status === 'assigned');
    await act(h, ticket._id, 'replies', { body: 'Your parcel left the warehouse today.' }).expect(200);
    await eventually(async () => line.pushes.find((p) => p.to === LINE_USER && p.texts.some((t) => t.includes('Your parcel left the warehouse today.'))));
    expect(wa.sent.filter((m) => m.text?.includes('Your parcel left the warehouse today.'))).toEqual([]);
  });
});
