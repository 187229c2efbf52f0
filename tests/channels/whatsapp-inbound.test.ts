/**
 * WhatsApp in, on the real stack: the channel configured through the ops API (credentials never shown), Meta's
 * subscription handshake, signed deliveries verified over the raw bytes (forged or missing: 401, nothing stored),
 * each message stored once however often or concurrently it is delivered, a new customer's message opening a ticket
 * and their next one continuing it.
 */
import request from 'supertest';
import { ChannelModel } from '../../models/channel.model';
import { CustomerIdentityModel } from '../../models/customer-identity.model';
import { InboundMessageModel } from '../../models/inbound-message.model';
import { TicketModel } from '../../models/ticket.model';
import { PHONE_NUMBER_ID, whatsAppImage, whatsAppLocation, whatsAppText } from '../support/fake-channels/meta-deliveries';
import { signedMetaDelivery } from '../support/fake-channels/signing';
import { startHarness, type Harness } from '../support/harness';
import { eventsOf, ticketWhen } from '../support/tickets';
import { deliver, putChannel, routed, SECRETS } from './channel-support';

const SECRET = SECRETS.whatsapp.appSecret;
const now = () => Math.floor(Date.now() / 1000);

describe('WhatsApp in (real stack)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await putChannel(h, 'wa-main', { kind: 'whatsapp', accountId: PHONE_NUMBER_ID, secrets: SECRETS.whatsapp }).expect(201);
  });
  afterAll(async () => h?.stop());

  it('keeps credentials write-only: never returned, sealed at rest, kept when an update omits them', async () => {
    const shown = await request(h.app).get('/api/channels/wa-main').set('Authorization', `Bearer ${h.adminKey}`).expect(200);
    expect(shown.body).toMatchObject({ kind: 'whatsapp', secretsSet: ['accessToken', 'appSecret', 'verifyToken'], webhookUrl: 'http://meridian.test/api/channels/wa-main/webhook' });
    const stored = JSON.stringify(await ChannelModel.findById('wa-main').lean());
    for (const value of Object.values(SECRETS.whatsapp)) {
      expect(JSON.stringify(shown.body)).not.toContain(value);
      expect(stored).not.toContain(value);
    }
    await putChannel(h, 'wa-main', { kind: 'whatsapp', accountId: PHONE_NUMBER_ID, name: 'WhatsApp EU' }).expect(200);
    expect((await request(h.app).get('/api/channels/wa-main').set('Authorization', `Bearer ${h.adminKey}`)).body.secretsSet).toHaveLength(3);
    const missing = await putChannel(h, 'wa-new', { kind: 'whatsapp', accountId: PHONE_NUMBER_ID, secrets: { appSecret: SECRET } }).expect(422);
    expect(missing.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/body/secrets/accessToken', '/body/secrets/verifyToken']);
    await putChannel(h, 'wa-main', { kind: 'telegram', accountId: '7000000001' }).expect(422); // a channel keeps its platform
  });

  it('answers Meta’s subscription handshake only with the channel’s verify token', async () => {
    const ok = await request(h.app).get('/api/channels/wa-main/webhook').query({ 'hub.mode': 'subscribe', 'hub.verify_token': SECRETS.whatsapp.verifyToken, 'hub.challenge': '1158201444' });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('1158201444');
    await request(h.app).get('/api/channels/wa-main/webhook').query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' }).expect(403);
    await request(h.app).get('/api/channels/nope/webhook').query({ 'hub.mode': 'subscribe' }).expect(404);
  });

  it('refuses a forged or missing signature with 401 and stores nothing', async () => {
    const payload = whatsAppText({ waId: '4915112345678', name: 'Mallory' }, 'wamid.forged', now(), 'hello');
    const forged = signedMetaDelivery(payload, 'not-the-app-secret');
    const refused = await deliver(h, 'wa-main', forged).expect(401);
    expect(refused.body.code).toBe('SIGNATURE_INVALID');
    const unsigned = signedMetaDelivery(payload, SECRET);
    delete unsigned.headers['x-hub-signature-256'];
    await deliver(h, 'wa-main', unsigned).expect(401);
    // The signed bytes, re-serialised by a proxy (Meta escapes non-ASCII): no longer the bytes signed.
    const signed = signedMetaDelivery(whatsAppText({ waId: '4915112345678', name: 'Zoë' }, 'wamid.reserialised', now(), 'Grüße'), SECRET);
    await deliver(h, 'wa-main', { ...signed, raw: Buffer.from(JSON.stringify(JSON.parse(signed.raw.toString('utf8')))) }).expect(401);
    expect(await InboundMessageModel.countDocuments()).toBe(0);
    await deliver(h, 'nope', signed).expect(404);
  });

  it('opens a ticket for a new customer’s message, stored once however often the platform delivers it', async () => {
    const customer = { waId: '6281234567890', name: 'Siti Rahma' };
    const delivery = signedMetaDelivery(whatsAppText(customer, 'wamid.first', now(), 'Pesanan saya belum sampai\nNomor pesanan 4711'), SECRET);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await deliver(h, 'wa-main', delivery).expect(200)).body);
    expect(answers).toEqual([
      { messages: 1, stored: 1, duplicates: 0, receipts: 0 },
      { messages: 1, stored: 0, duplicates: 1, receipts: 0 },
      { messages: 1, stored: 0, duplicates: 1, receipts: 0 },
    ]);
    const first = await routed('wa-main', 'wamid.first');
    expect(first.routed).toBe('opened');
    const ticket = await ticketWhen(first.ticketId!, (t) => t.status === 'assigned');
    expect(ticket).toMatchObject({ channel: 'whatsapp', subject: 'Pesanan saya belum sampai', regionId: 'test-utc' });
    expect(ticket.description).toContain('Nomor pesanan 4711');
    expect(await TicketModel.countDocuments({ customerId: ticket.customerId })).toBe(1);
    const identities = (await CustomerIdentityModel.find({ customerId: ticket.customerId }).lean()).map((i) => i._id).sort();
    expect(identities).toEqual(['phone:+6281234567890', 'whatsapp:6281234567890']);

    // The next message, delivered twice at the same moment, continues that ticket once.
    const next = signedMetaDelivery(whatsAppImage(customer, 'wamid.second', now(), 'foto paketnya'), SECRET);
    const both = await Promise.all([deliver(h, 'wa-main', next), deliver(h, 'wa-main', next)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.map((r) => r.body.stored).sort()).toEqual([0, 1]);
    const second = await routed('wa-main', 'wamid.second');
    expect(second).toMatchObject({ routed: 'continued', ticketId: ticket._id });
    await deliver(h, 'wa-main', signedMetaDelivery(whatsAppLocation(customer, 'wamid.third', now()), SECRET)).expect(200);
    await routed('wa-main', 'wamid.third');
    const messages = (await eventsOf(ticket._id)).filter((e) => e.type === 'message.customer');
    expect(messages.map((e) => [e.data.channel, e.data.body])).toEqual([
      ['whatsapp', '[image: foto paketnya]'],
      ['whatsapp', '[location: KLCC (3.139, 101.6869)]'],
    ]);
    expect(await TicketModel.countDocuments({ customerId: ticket.customerId })).toBe(1);
  });

  it('refuses a signed delivery of the wrong shape with the path of what is wrong', async () => {
    const payload = whatsAppText({ waId: '6281234567890', name: 'Siti' }, 'wamid.bad', now(), 'x') as unknown as { entry: Array<{ changes: Array<{ value: { messages: Array<Record<string, unknown>> } }> }> };
    payload.entry[0]!.changes[0]!.value.messages[0]!.timestamp = 'yesterday';
    const refused = await deliver(h, 'wa-main', signedMetaDelivery(payload, SECRET)).expect(422);
    expect(refused.body.code).toBe('WEBHOOK_PAYLOAD_INVALID');
    expect(refused.body.errors[0].pointer).toBe('/body/entry/0/changes/0/value/messages/0/timestamp');
    expect(await InboundMessageModel.countDocuments({ platformMessageId: 'wamid.bad' })).toBe(0);
    // A signed 2 MB delivery: refused by its size before anything is read.
    const huge = signedMetaDelivery(whatsAppText({ waId: '6281234567890', name: 'Siti' }, 'wamid.huge', now(), 'x'.repeat(2 * 1024 * 1024)), SECRET);
    expect((await deliver(h, 'wa-main', huge)).status).toBe(413);
    expect(await InboundMessageModel.countDocuments({ platformMessageId: 'wamid.huge' })).toBe(0);
  });
});
