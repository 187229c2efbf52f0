/**
 * Web chat on the real stack, through the endpoints the widget calls: a visitor's message is stored once and opens a
 * ticket for a web chat customer (their pre-chat e-mail a claim, never an identity), our answers land in their
 * transcript (receipts onto the send), CORS answers the configured origins only, tokens cannot be forged or carried
 * to another channel, and the session and message limits answer 429.
 */
import request from 'supertest';
import { createApp } from '../../api/app';
import { createLogger } from '../../config/logger';
import { CustomerIdentityModel } from '../../models/customer-identity.model';
import { InboundMessageModel } from '../../models/inbound-message.model';
import { TicketModel } from '../../models/ticket.model';
import { WebchatMessageModel } from '../../models/webchat-message.model';
import { eventually, startHarness, type Harness } from '../support/harness';
import { act, eventsOf, openTicket, ticketBody, ticketWhen } from '../support/tickets';
import { putChannel, routed } from './channel-support';
import { newVisitor, putWebchat, SHOP, staffLineWhen, widget, type WebchatView } from './webchat-support';

describe('web chat endpoints (real stack)', () => {
  let h: Harness;
  let chat: WebchatView;
  beforeAll(async () => {
    h = await startHarness();
    chat = await putWebchat(h, 'chat-main', [SHOP, 'http://localhost:8080']);
  });
  afterAll(async () => h?.stop());

  it('is configured with exact origins and a server-made site key, kept on update and replaced on request', async () => {
    expect(chat.webchat.siteKey).toMatch(/^wk_[A-Za-z0-9_-]{32}$/);
    expect(chat.webchat.snippet).toBe(`<script src="http://meridian.test/webchat/widget.js" data-channel="chat-main" data-site-key="${chat.webchat.siteKey}" async></script>`);
    expect(chat).toMatchObject({ kind: 'webchat', accountId: null, webhookUrl: null, secretsSet: [] });
    const refused = async (body: Record<string, unknown>, status: number, pointer: string) => {
      const res = await putChannel(h, 'chat-bad', { kind: 'webchat', allowedOrigins: [SHOP], ...body }).expect(status);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    };
    await refused({ allowedOrigins: ['https://*.shop.example'] }, 400, '/body/allowedOrigins/0');
    await refused({ allowedOrigins: ['https://shop.example/chat'] }, 400, '/body/allowedOrigins/0');
    await refused({ allowedOrigins: [] }, 400, '/body/allowedOrigins');
    await refused({ allowedOrigins: undefined }, 422, '/body/allowedOrigins');
    await refused({ accountId: '12345' }, 422, '/body/accountId');
    await refused({ secrets: { botToken: '7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw' } }, 422, '/body/secrets/botToken');
    await refused({ apiBaseUrl: 'https://chat.example' }, 422, '/body/apiBaseUrl');
    const wa = await putChannel(h, 'wa-bad', { kind: 'whatsapp', accountId: '114896151713920', allowedOrigins: [SHOP] }).expect(422);
    expect(wa.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/body/allowedOrigins');

    const normalised = await putWebchat(h, 'chat-other', ['https://shop.example:443', 'https://shop.example']);
    expect(normalised.webchat.allowedOrigins).toEqual(['https://shop.example']);
    const kept = await putWebchat(h, 'chat-other', ['https://other.example']);
    expect(kept.webchat.siteKey).toBe(normalised.webchat.siteKey);
    const rotated = await putWebchat(h, 'chat-other', ['https://other.example'], { rotateSiteKey: true });
    expect(rotated.webchat.siteKey).not.toBe(kept.webchat.siteKey);
    await request(h.app).post('/api/channels/chat-main/webhook').send('{}').expect(404);
  });

  it('takes a message once, opens a ticket for a web chat customer (claims stay claims) and answers in the transcript', async () => {
    const { visitorId, token } = await newVisitor(h.app, chat);
    const w = widget(h.app, chat.id);
    const message = { clientMessageId: 'first-message-0001', text: 'My order #4411 never arrived', name: 'Ines Visitor', email: 'ines@example.test', language: 'pt-BR', timeZone: 'America/Sao_Paulo' };
    expect((await w.post(token, message).expect(202)).body).toEqual({ clientMessageId: 'first-message-0001', stored: true });
    expect((await w.post(token, message).expect(202)).body).toEqual({ clientMessageId: 'first-message-0001', stored: false }); // a resend
    expect(await InboundMessageModel.countDocuments({ channelId: chat.id })).toBe(1);

    const inbound = await routed(chat.id, `${visitorId}:first-message-0001`);
    const ticket = await ticketWhen(inbound.ticketId!, (t) => t.status === 'assigned');
    expect(ticket).toMatchObject({ channel: 'webchat', subject: 'My order #4411 never arrived', contact: { name: 'Ines Visitor', language: 'pt-BR', timeZone: 'America/Sao_Paulo' } });
    expect(ticket.description).toContain('[e-mail given in the chat, not verified: ines@example.test]');
    const identities = (await CustomerIdentityModel.find({ customerId: ticket.customerId }).lean()).map((i) => i._id);
    expect(identities).toEqual([`webchat:${visitorId}`]); // never the claimed e-mail

    const ack = await staffLineWhen(chat.id, visitorId);
    expect(ack.text).toContain('MRD-'); // the acknowledgement, in Portuguese
    expect(ack.text).toContain('código');
    await act(h, ticket._id, 'replies', { body: 'Encontramos o pacote: chega amanhã.' }).expect(200);
    const reply = await staffLineWhen(chat.id, visitorId, (t) => t.includes('chega amanhã'));

    const page = (await w.transcript(token).expect(200)).body as { items: Array<{ id: string; from: string; clientMessageId?: string }>; cursor: string };
    expect(page.items.map((i) => i.from)).toEqual(['visitor', 'staff', 'staff']);
    expect(page.items[0]).toMatchObject({ from: 'visitor', clientMessageId: 'first-message-0001' });
    const later = (await w.transcript(token, page.cursor).expect(200)).body as { items: Array<{ id: string }> };
    expect(later.items.every((i) => page.items.some((p) => p.id === i.id))).toBe(true); // nothing new, maybe the newest again

    expect((await w.receipts(token, [reply._id, 'wcm_AAAAAAAAAAAAAAAAAAAAAAAA'], 'read').expect(200)).body).toEqual({ receipts: 1 });
    const view = await request(h.app).get(`/api/tickets/${ticket._id}`).set('Authorization', `Bearer ${h.adminKey}`).expect(200);
    expect(view.body.channelSends.map((s: { purpose: string; state: string; receipt: { status: string } | null }) => [s.purpose, s.state, s.receipt?.status ?? null])).toEqual([
      ['acknowledgement', 'sent', null],
      ['agent-reply', 'sent', 'read'],
    ]);
    // Another visitor cannot mark this visitor's answers, nor read their conversation.
    const other = await newVisitor(h.app, chat);
    expect((await w.receipts(other.token, [ack._id], 'read').expect(200)).body).toEqual({ receipts: 0 });
    expect((await w.transcript(other.token).expect(200)).body.items).toEqual([]);
  });

  it('answers a message that is only a query code with where that request stands, in the transcript, on no ticket', async () => {
    const opened = await openTicket(h, ticketBody({ subject: 'Doppelte Abbuchung' }, { language: 'de' }));
    await ticketWhen(opened.id, (t) => t.status === 'assigned');
    const { visitorId, token } = await newVisitor(h.app, chat);
    await widget(h.app, chat.id).post(token, { clientMessageId: 'code-only-0001', text: ` ${opened.queryCode.toLowerCase()} ` }).expect(202);
    const answer = await staffLineWhen(chat.id, visitorId);
    expect(answer.text).toContain('Doppelte Abbuchung');
    expect(await routed(chat.id, `${visitorId}:code-only-0001`)).toMatchObject({ routed: 'status', statusOfTicketId: opened.id });
    expect((await eventsOf(opened.id)).filter((e) => e.type === 'message.customer')).toEqual([]);
  });

  it('answers preflights and requests of allowed origins only; anything else is a 403 that stores nothing', async () => {
    const preflight = (origin: string) => request(h.app).options(`/api/webchat/${chat.id}/messages`).set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');
    const allowed = await preflight('http://localhost:8080').expect(204);
    expect(allowed.headers).toMatchObject({ 'access-control-allow-origin': 'http://localhost:8080', 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'Authorization, Content-Type' });
    expect(allowed.headers.vary).toMatch(/Origin/);
    for (const origin of ['https://evil.example', 'https://shop.example.evil.example', 'http://shop.example', 'null']) {
      const refused = await preflight(origin).expect(403);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      expect(refused.body.code).toBe('FORBIDDEN');
    }

    const { token } = await newVisitor(h.app, chat);
    const before = await InboundMessageModel.countDocuments();
    const foreign = await widget(h.app, chat.id, 'https://evil.example').post(token, { text: 'hello from elsewhere' }).expect(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    await widget(h.app, chat.id, null).post(token, { text: 'hello from curl' }).expect(403); // no Origin: no page sent it
    await widget(h.app, chat.id, null).session(chat.webchat.siteKey).expect(403);
    await widget(h.app, chat.id, 'https://evil.example').transcript(token).expect(403);
    // A simple request (no preflight: text/plain, no token) from a foreign page is refused too, unreadable by the page.
    const simple = await request(h.app).post(`/api/webchat/${chat.id}/messages`).set('Origin', 'https://evil.example').set('Content-Type', 'text/plain').send('{"text":"x"}').expect(401);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    expect(await InboundMessageModel.countDocuments()).toBe(before);
    expect(await WebchatMessageModel.countDocuments({ text: /hello from/ })).toBe(0);

    const ok = await widget(h.app, chat.id, 'http://localhost:8080').transcript(token).expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:8080');
    await widget(h.app, 'no-such-chat').session(chat.webchat.siteKey).expect(404);
  });

  it('refuses a wrong site key, a forged token and a token of another channel with 401', async () => {
    const other = await putWebchat(h, 'chat-second', [SHOP]);
    const w = widget(h.app, chat.id);
    const wrongKey = await w.session(other.webchat.siteKey).expect(401);
    expect(wrongKey.body.code).toBe('SITE_KEY_INVALID');
    expect(wrongKey.headers['access-control-allow-origin']).toBe(SHOP); // the widget can read why

    const { token } = await newVisitor(h.app, chat);
    const [visitorId, issuedAt, mac] = token.split('.') as [string, string, string];
    const forgeries = [
      `${visitorId}.${issuedAt}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`, // one character of the MAC
      `${visitorId}.${issuedAt}.${mac.slice(0, -1)}${String.fromCharCode(mac.charCodeAt(42) ^ 1)}`, // the same MAC bytes, spelt otherwise
      `v_${'A'.repeat(22)}.${issuedAt}.${mac}`, // another visitor with this MAC
      `${visitorId}.${Number(issuedAt) + 1}.${mac}`, // another issue time
      'not-a-token',
    ];
    for (const forged of forgeries) expect((await w.post(forged, { text: 'forged' }).expect(401)).body.code).toBe('UNAUTHENTICATED');
    await request(h.app).get(`/api/webchat/${chat.id}/messages`).set('Origin', SHOP).expect(401); // no token
    const theirs = await newVisitor(h.app, other);
    await w.transcript(theirs.token).expect(401); // a token of another channel
    expect(await InboundMessageModel.countDocuments({ text: 'forged' })).toBe(0);

    // Rotating the site key ends its sessions (once the API's 5-second channel cache has it): the widget starts a new
    // one with the key of the new snippet.
    const rotated = await putWebchat(h, other.id, [SHOP], { rotateSiteKey: true });
    await eventually(async () => (await widget(h.app, other.id).transcript(theirs.token)).status === 401, 10_000);
    await widget(h.app, other.id).session(other.webchat.siteKey).expect(401);
    await widget(h.app, other.id).session(rotated.webchat.siteKey).expect(201);
  });

  it('limits bodies and text: 413 over 20 kB, 400 over 4,000 characters, nothing stored', async () => {
    const { token } = await newVisitor(h.app, chat);
    const w = widget(h.app, chat.id);
    await w.post(token, { text: 'x'.repeat(30_000) }).expect(413);
    const long = await w.post(token, { text: 'é'.repeat(4001) }).expect(400);
    expect(long.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/body/text']);
    await w.post(token, { text: 'ok', isAdmin: true }).expect(400); // strict: no field beyond the documented ones
    expect(await InboundMessageModel.countDocuments({ text: { $in: ['ok', 'x'.repeat(30_000)] } })).toBe(0);
  });

  it('limits sessions per address and messages per visitor (429 with Retry-After, readable by the page)', async () => {
    const config = { ...h.config, rateLimits: { ...h.config.rateLimits, webchat: { ...h.config.rateLimits.webchat, sessionsPerAddress: 2, messagesPerVisitor: 3 } } };
    const app = createApp({ config, logger: createLogger({ level: 'silent' }), temporal: h.client });
    const w = widget(app, chat.id);
    const [{ token }] = [await newVisitor(app, chat), await newVisitor(app, chat)];
    const third = await w.session(chat.webchat.siteKey).expect(429);
    expect(third.headers['retry-after']).toMatch(/^\d+$/);
    expect(third.headers['access-control-allow-origin']).toBe(SHOP);
    for (let i = 0; i < 3; i += 1) await w.post(token, { text: `limited ${i}` }).expect(202);
    await w.post(token, { clientMessageId: 'over-the-limit-1', text: 'limited 3' }).expect(429);
    expect(await InboundMessageModel.countDocuments({ platformMessageId: /over-the-limit-1$/ })).toBe(0);
    expect(await TicketModel.countDocuments({ subject: 'limited 3' })).toBe(0);
  });
});
