/**
 * Messages to a customer who writes on a messaging channel go back through that channel (the production senders,
 * against local servers that speak each platform's send API): the acknowledgement and an agent's reply each sent once,
 * a throttled send retried, a long reply split by the platform's limit, LINE's retry key making a repeated push safe,
 * and WhatsApp's closed 24-hour window refusing free text (the ticket says why).
 */
import request from 'supertest';
import { PHONE_NUMBER_ID, whatsAppStatus, whatsAppText } from '../support/fake-channels/meta-deliveries';
import { startFakeLine, type FakeLine } from '../support/fake-channels/fake-line';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-channels/fake-telegram';
import { startFakeWhatsApp, type FakeWhatsApp } from '../support/fake-channels/fake-whatsapp';
import { signedLineDelivery, signedMetaDelivery, telegramDelivery } from '../support/fake-channels/signing';
import { LINE_DESTINATION, lineDelivery, lineMessageEvent, telegramMessage } from '../support/fake-channels/telegram-line-deliveries';
import { eventually, startHarness, type Harness } from '../support/harness';
import { act, eventsOf, eventWhen, openTicket, ticketBody, ticketWhen } from '../support/tickets';
import { deliver, putChannel, routed, SECRETS } from './channel-support';

describe('replies through the customer’s channel (real stack, platforms on loopback)', () => {
  let h: Harness;
  let wa: FakeWhatsApp;
  let tg: FakeTelegram;
  let line: FakeLine;
  beforeAll(async () => {
    wa = await startFakeWhatsApp({ token: SECRETS.whatsapp.accessToken, phoneNumberId: PHONE_NUMBER_ID });
    tg = await startFakeTelegram({ token: SECRETS.telegram.botToken });
    line = await startFakeLine({ token: SECRETS.line.channelAccessToken });
    h = await startHarness();
    await putChannel(h, 'wa-main', { kind: 'whatsapp', accountId: PHONE_NUMBER_ID, secrets: SECRETS.whatsapp, apiBaseUrl: wa.url }).expect(201);
    await putChannel(h, 'tg-main', { kind: 'telegram', accountId: '7000000001', secrets: SECRETS.telegram, apiBaseUrl: tg.url }).expect(201);
    await putChannel(h, 'line-main', { kind: 'line', accountId: LINE_DESTINATION, secrets: SECRETS.line, apiBaseUrl: line.url }).expect(201);
  });
  afterAll(async () => {
    await h?.stop();
    await Promise.all([wa?.stop(), tg?.stop(), line?.stop()]);
  });

  async function fromWhatsApp(waId: string, id: string, text: string, atS = Math.floor(Date.now() / 1000)) {
    await deliver(h, 'wa-main', signedMetaDelivery(whatsAppText({ waId, name: 'Ana Souza' }, id, atS, text), SECRETS.whatsapp.appSecret)).expect(200);
    const message = await routed('wa-main', id);
    return ticketWhen(message.ticketId!, (t) => t.status === 'assigned');
  }

  it('acknowledges on WhatsApp and sends the agent’s reply there, each once, a throttled send retried', async () => {
    const ticket = await fromWhatsApp('5511987654321', 'wamid.reply-1', 'Meu pedido não chegou');
    const ack = await eventually(async () => wa.sent.find((m) => m.to === '5511987654321'));
    expect(ack.text).toMatch(/MRD-[0-9A-Z]{4}-/); // the query code, to follow the request
    wa.throttleNext(1);
    await act(h, ticket._id, 'replies', { body: 'Seu pacote sai amanhã cedo.' }).expect(200);
    const reply = await eventually(async () => wa.sent.find((m) => m.to === '5511987654321' && m.text?.includes('Seu pacote sai amanhã cedo.')));
    expect(reply.type).toBe('text');
    await new Promise((r) => setTimeout(r, 500));
    expect(wa.sent.filter((m) => m.to === '5511987654321')).toHaveLength(2);
    expect(h.smtp.messages.filter((m) => m.raw.includes(ticket._id))).toHaveLength(0); // no e-mail: the customer wrote on WhatsApp

    // WhatsApp's receipts, out of order: read, then a late delivered that must not move it back.
    const now = Math.floor(Date.now() / 1000);
    for (const status of ['read', 'delivered'] as const)
      expect((await deliver(h, 'wa-main', signedMetaDelivery(whatsAppStatus(reply.wamid, status, now, '5511987654321'), SECRETS.whatsapp.appSecret)).expect(200)).body.receipts).toBe(status === 'read' ? 1 : 0);
    const view = await request(h.app).get(`/api/tickets/${ticket._id}`).set('Authorization', `Bearer ${h.adminKey}`).expect(200);
    expect(view.body.channelSends.map((s: { purpose: string; state: string; receipt: { status: string } | null }) => [s.purpose, s.state, s.receipt?.status ?? null])).toEqual([
      ['acknowledgement', 'sent', null],
      ['agent-reply', 'sent', 'read'],
    ]);
  });

  it('refuses free text outside WhatsApp’s 24-hour window and says so on the ticket', async () => {
    const twoDaysAgo = Math.floor(Date.now() / 1000) - 2 * 24 * 3600;
    const ticket = await fromWhatsApp('5511900000001', 'wamid.old-1', 'Mensagem antiga', twoDaysAgo);
    const failed = await eventWhen(ticket._id, 'delivery.failed', (e) => e.data.kind === 'acknowledgement');
    expect(String(failed.data.reason)).toContain('24-hour');
    expect(wa.sent.filter((m) => m.to === '5511900000001')).toEqual([]);
  });

  it('splits a long reply by Telegram’s 4,096-character limit, in order', async () => {
    const user = { id: 912345001, firstName: 'Somchai' };
    await deliver(h, 'tg-main', telegramDelivery(telegramMessage(200001, user, 5, Math.floor(Date.now() / 1000), { text: 'Where is my refund?' }), SECRETS.telegram.secretToken)).expect(200);
    const ticket = await ticketWhen((await routed('tg-main', '912345001:5')).ticketId!, (t) => t.status === 'assigned');
    await eventually(async () => tg.sent.find((m) => m.chatId === user.id)); // the acknowledgement
    const long = Array.from({ length: 60 }, (_, i) => `Step ${i + 1}: we checked the payment trail and everything is in order so far.`).join('\n\n');
    await act(h, ticket._id, 'replies', { body: long }).expect(200);
    const parts = await eventually(async () => {
      const mine = tg.sent.filter((m) => m.chatId === user.id).slice(1);
      return mine.length >= 2 && mine;
    });
    expect(parts.every((p) => p.text.length <= 4096)).toBe(true);
    expect(parts[0]!.text).toContain('Step 1:');
    expect(parts.map((p) => p.text).join('\n\n')).toContain('Step 60:');
  });

  it('pushes on LINE once when the platform took a push but answered 500 (the retry key deduplicates the retry)', async () => {
    line.acceptThenFailNext(1);
    const event = lineMessageEvent({ userId: 'U00000000000000000000000000000abc', timestampMs: Date.now(), webhookEventId: '01H810YECXQQZ37VAXPF6H9E7A' }, { type: 'text', id: '468789577898262999', text: 'สินค้าชำรุด' });
    await deliver(h, 'line-main', signedLineDelivery(lineDelivery([event]), SECRETS.line.channelSecret)).expect(200);
    await routed('line-main', '468789577898262999');
    await eventually(async () => line.requests.filter((r) => r.status === 409).length > 0); // the retry met the accepted key
    expect(line.pushes.filter((p) => p.to === 'U00000000000000000000000000000abc')).toHaveLength(1);
  });

  it('answers a message that is only a query code with where that request stands, in its customer’s language, touching nothing', async () => {
    const opened = await openTicket(h, ticketBody({ subject: 'Cobrança em dobro' }, { language: 'pt-BR' }));
    await ticketWhen(opened.id, (t) => t.status === 'assigned');
    const typed = opened.queryCode.toLowerCase().replace(/-/g, ' '); // as people type it
    await deliver(h, 'wa-main', signedMetaDelivery(whatsAppText({ waId: '5511955550001', name: 'Someone' }, 'wamid.code-1', Math.floor(Date.now() / 1000), typed), SECRETS.whatsapp.appSecret)).expect(200);
    const answer = await eventually(async () => wa.sent.find((m) => m.to === '5511955550001'));
    expect(answer.text).toContain('Estamos trabalhando na sua solicitação “Cobrança em dobro”.');
    const stored = await routed('wa-main', 'wamid.code-1');
    expect(stored).toMatchObject({ routed: 'status', statusOfTicketId: opened.id });
    expect(stored.ticketId).toBeUndefined();
    expect((await eventsOf(opened.id)).filter((e) => e.type === 'message.customer')).toEqual([]);

    // Their next message is their own: a ticket of theirs, not a message on the one whose code they had.
    await deliver(h, 'wa-main', signedMetaDelivery(whatsAppText({ waId: '5511955550001', name: 'Someone' }, 'wamid.code-2', Math.floor(Date.now() / 1000), 'Outra dúvida'), SECRETS.whatsapp.appSecret)).expect(200);
    const own = await routed('wa-main', 'wamid.code-2');
    expect(own.routed).toBe('opened');
    expect(own.ticketId).not.toBe(opened.id);
  });
});
