/**
 * Messenger, Instagram, Telegram and LINE in, on the real stack: each platform's signed delivery opens a ticket for a
 * new customer (their platform id becomes a customer identity), a repeated delivery stores nothing again, a forged one
 * is 401; and two quick messages from a new customer open one ticket, not two.
 */
import { CustomerIdentityModel } from '../../models/customer-identity.model';
import { TicketModel } from '../../models/ticket.model';
import { IG_ACCOUNT_ID, metaMessageEvent, metaMessaging, PAGE_ID, whatsAppText, PHONE_NUMBER_ID } from '../support/fake-channels/meta-deliveries';
import { signedLineDelivery, signedMetaDelivery, telegramDelivery, type SignedDelivery } from '../support/fake-channels/signing';
import { LINE_DESTINATION, lineDelivery, lineMessageEvent, telegramMessage } from '../support/fake-channels/telegram-line-deliveries';
import { startHarness, type Harness } from '../support/harness';
import { eventsOf, ticketWhen } from '../support/tickets';
import { deliver, putChannel, routed, SECRETS } from './channel-support';

interface Case {
  kind: 'messenger' | 'instagram' | 'telegram' | 'line';
  accountId: string;
  userId: string;
  platformMessageId: string;
  signed(text: string): SignedDelivery;
  forged(text: string): SignedDelivery;
}

const NOW_MS = Date.now();
const CASES: Case[] = [
  {
    kind: 'messenger',
    accountId: PAGE_ID,
    userId: '24680135792468013',
    platformMessageId: 'm_messenger-1',
    signed: (text) => signedMetaDelivery(metaMessaging('page', [metaMessageEvent('24680135792468013', PAGE_ID, NOW_MS, { mid: 'm_messenger-1', text })]), SECRETS.messenger.appSecret),
    forged: (text) => signedMetaDelivery(metaMessaging('page', [metaMessageEvent('24680135792468013', PAGE_ID, NOW_MS, { mid: 'm_messenger-1', text })]), SECRETS.instagram.appSecret),
  },
  {
    kind: 'instagram',
    accountId: IG_ACCOUNT_ID,
    userId: '5512345678901234',
    platformMessageId: 'aWdfZAG1-ig-1',
    signed: (text) => signedMetaDelivery(metaMessaging('instagram', [metaMessageEvent('5512345678901234', IG_ACCOUNT_ID, NOW_MS, { mid: 'aWdfZAG1-ig-1', text })]), SECRETS.instagram.appSecret),
    forged: (text) => signedMetaDelivery(metaMessaging('instagram', [metaMessageEvent('5512345678901234', IG_ACCOUNT_ID, NOW_MS, { mid: 'aWdfZAG1-ig-1', text })]), SECRETS.messenger.appSecret),
  },
  {
    kind: 'telegram',
    accountId: '7000000001',
    userId: '912345678',
    platformMessageId: '912345678:77',
    signed: (text) => telegramDelivery(telegramMessage(100001, { id: 912345678, firstName: 'Nguyễn', lastName: 'An' }, 77, Math.floor(NOW_MS / 1000), { text }), SECRETS.telegram.secretToken),
    forged: (text) => telegramDelivery(telegramMessage(100001, { id: 912345678, firstName: 'Nguyễn' }, 77, Math.floor(NOW_MS / 1000), { text }), 'not-the-secret-token-00000'),
  },
  {
    kind: 'line',
    accountId: LINE_DESTINATION,
    userId: 'U4af4980629abcdef0123456789abcdef',
    platformMessageId: '468789577898262530',
    signed: (text) => signedLineDelivery(lineDelivery([lineMessageEvent({ userId: 'U4af4980629abcdef0123456789abcdef', timestampMs: NOW_MS, webhookEventId: '01H810YECXQQZ37VAXPF6H9E6T' }, { type: 'text', id: '468789577898262530', text })]), SECRETS.line.channelSecret),
    forged: (text) => signedLineDelivery(lineDelivery([lineMessageEvent({ userId: 'U4af4980629abcdef0123456789abcdef', timestampMs: NOW_MS, webhookEventId: '01H810YECXQQZ37VAXPF6H9E6T' }, { type: 'text', id: '468789577898262530', text })]), 'some-other-channel-secret'),
  },
];

describe('Messenger, Instagram, Telegram and LINE in (real stack)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    for (const c of CASES) await putChannel(h, `${c.kind}-main`, { kind: c.kind, accountId: c.accountId, secrets: SECRETS[c.kind] }).expect(201);
    await putChannel(h, 'wa-main', { kind: 'whatsapp', accountId: PHONE_NUMBER_ID, secrets: SECRETS.whatsapp }).expect(201);
  });
  afterAll(async () => h?.stop());

  it.each(CASES.map((c) => [c.kind, c] as const))('%s: a signed message opens a ticket once; a forged one is 401', async (_kind, c) => {
    const channelId = `${c.kind}-main`;
    await deliver(h, channelId, c.forged('Hello?')).expect(401);
    await deliver(h, channelId, c.signed('My order has not arrived')).expect(200);
    expect((await deliver(h, channelId, c.signed('My order has not arrived')).expect(200)).body).toEqual({ messages: 1, stored: 0, duplicates: 1, receipts: 0 });
    const message = await routed(channelId, c.platformMessageId);
    const ticket = await ticketWhen(message.ticketId!, (t) => t.status === 'assigned');
    expect(ticket).toMatchObject({ channel: c.kind, subject: 'My order has not arrived' });
    const identities = (await CustomerIdentityModel.find({ customerId: ticket.customerId }).lean()).map((i) => i._id);
    expect(identities).toEqual([`${c.kind}:${c.userId}`]);
  });

  it('routes two quick messages from a new customer, delivered at once, to one ticket', async () => {
    const customer = { waId: '84901234567', name: 'Trần Bình' };
    const at = Math.floor(Date.now() / 1000);
    const first = signedMetaDelivery(whatsAppText(customer, 'wamid.quick-1', at, 'Tôi cần hoàn tiền'), SECRETS.whatsapp.appSecret);
    const second = signedMetaDelivery(whatsAppText(customer, 'wamid.quick-2', at + 1, 'Mã đơn hàng 9921'), SECRETS.whatsapp.appSecret);
    await Promise.all([deliver(h, 'wa-main', first).expect(200), deliver(h, 'wa-main', second).expect(200)]);
    const [a, b] = [await routed('wa-main', 'wamid.quick-1'), await routed('wa-main', 'wamid.quick-2')];
    expect(b.ticketId).toBe(a.ticketId);
    const ticket = await ticketWhen(a.ticketId!, (t) => t.status === 'assigned');
    expect(await TicketModel.countDocuments({ customerId: ticket.customerId })).toBe(1);
    const opened = [a, b].find((m) => m.routed === 'opened')!;
    const continued = [a, b].find((m) => m.routed === 'continued')!;
    expect((await eventsOf(ticket._id)).filter((e) => e.type === 'message.customer').map((e) => e.data.messageId)).toEqual([continued._id]);
    expect(ticket.description).toBe(opened.text);
  });
});
