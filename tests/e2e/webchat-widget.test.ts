/**
 * The web chat widget in a real browser (system Chromium through playwright-core): a shop's page on an allowed origin
 * embeds the snippet; the visitor writes, a ticket opens for a web chat customer, the acknowledgement and an agent's
 * reply appear in the widget, a reload keeps the conversation, markup in a message stays text and runs nothing, and a
 * page of another origin cannot talk to the endpoints at all.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ChannelOutboxModel } from '../../models/channel-outbox.model';
import { CustomerIdentityModel } from '../../models/customer-identity.model';
import { InboundMessageModel } from '../../models/inbound-message.model';
import { launchChromium } from '../support/browser';
import { eventually, startHarness, type Harness } from '../support/harness';
import { act, ticketWhen } from '../support/tickets';
import { putWebchat, type WebchatView } from '../channels/webchat-support';

const XSS = '<img src=x onerror="window.__mwXss=1">';

/** Listens on a free loopback port; answers the server's port. */
async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('the web chat widget in Chromium', () => {
  let h: Harness;
  let api: http.Server;
  let shop: http.Server;
  let browser: Browser;
  let chat: WebchatView;
  let shopOrigin = '';
  let foreignOrigin = '';
  /** What the API answered, as "METHOD path status". */
  const answered: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    api = http.createServer((req, res) => {
      res.on('finish', () => answered.push(`${req.method} ${req.url} ${res.statusCode}`));
      h.app(req, res);
    });
    const apiUrl = `http://127.0.0.1:${await listen(api)}`;
    // The shop's pages: the snippet as the channel view gives it, with the widget served by the API under test.
    shop = http.createServer((_req, res) => {
      const snippet = chat.webchat.snippet.replace('http://meridian.test', apiUrl);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Shop</h1>${snippet}</body></html>`);
    });
    const port = await listen(shop);
    shopOrigin = `http://localhost:${port}`; // the same server under another name is another origin
    foreignOrigin = `http://127.0.0.1:${port}`;
    chat = await putWebchat(h, 'chat-web', [shopOrigin]);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => shop?.close(resolve));
    await new Promise((resolve) => api?.close(resolve));
    await h?.stop();
  });

  async function openShop(context: BrowserContext, origin = shopOrigin): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${origin}/`);
    await page.locator('[data-mw="launcher"]').click();
    return page;
  }
  const staffLine = (page: Page, text: string) => page.locator('[data-mw-line][data-from="staff"]', { hasText: text });

  it('opens a ticket for what a visitor types, shows the answers, keeps the conversation across a reload and shows markup as text', async () => {
    const context = await browser.newContext({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
    const page = await openShop(context);
    expect(await page.locator('[data-mw="launcher"]').getAttribute('aria-label')).toBe('Abrir o chat'); // navigator.language
    await page.locator('[data-mw="name"]').fill('Rafaela Souza');
    await page.locator('[data-mw="email"]').fill('rafaela@example.test');
    await page.locator('[data-mw="input"]').fill('Meu pedido 7788 não chegou');
    await page.locator('[data-mw="input"]').press('Enter');

    const inbound = await eventually(() => InboundMessageModel.findOne({ channelId: chat.id, status: 'routed' }).lean(), 30_000);
    const ticket = await ticketWhen(inbound.ticketId!, (t) => t.status === 'assigned');
    expect(ticket).toMatchObject({ channel: 'webchat', subject: 'Meu pedido 7788 não chegou', contact: { name: 'Rafaela Souza', language: 'pt-BR', timeZone: 'America/Sao_Paulo' } });
    const identities = (await CustomerIdentityModel.find({ customerId: ticket.customerId }).lean()).map((i) => i._id);
    expect(identities).toEqual([`webchat:${inbound.from.platformUserId}`]);

    await staffLine(page, 'MRD-').waitFor(); // the acknowledgement, with the query code
    await act(h, ticket._id, 'replies', { body: `Já verificamos: chega amanhã. ${XSS} <b>sem negrito</b>` }).expect(200);
    await staffLine(page, 'chega amanhã').waitFor();
    await page.locator('[data-mw="input"]').fill(XSS);
    await page.locator('[data-mw="send"]').click();
    await page.locator('[data-mw-line][data-from="visitor"]:not([data-pending])', { hasText: 'onerror' }).waitFor();
    // Read while the panel is open: the receipt reaches the send.
    await eventually(() => ChannelOutboxModel.exists({ ticketId: ticket._id, purpose: 'agent-reply', 'receipt.status': 'read' }), 20_000);

    await page.reload();
    await page.locator('[data-mw="launcher"]').click();
    await staffLine(page, 'chega amanhã').waitFor();
    const texts = await page.locator('[data-mw-line]').allTextContents();
    expect(texts[0]).toBe('Meu pedido 7788 não chegou');
    expect(texts).toContain(XSS);
    expect(texts.find((t) => t.includes('chega amanhã'))).toContain(`${XSS} <b>sem negrito</b>`);
    expect(await page.locator('img, b').count()).toBe(0); // the markup is text: no element made of it, shadow root included
    expect(await page.evaluate(() => (globalThis as { __mwXss?: number }).__mwXss)).toBeUndefined();
    expect(await page.locator('[data-mw="prechat"]').isHidden()).toBe(true); // asked once
    await context.close();
  }, 90_000);

  it('cannot talk to the endpoints from a page of an origin the channel does not list', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const before = await InboundMessageModel.countDocuments({ channelId: chat.id });
    const page = await openShop(context, foreignOrigin);
    const blocked = page.waitForEvent('requestfailed', (r) => r.url().endsWith('/sessions'));
    await page.locator('[data-mw="input"]').fill('Hallo von woanders');
    await page.locator('[data-mw="send"]').click();
    await blocked; // the browser stopped at the preflight: no Access-Control-Allow-Origin for this origin
    expect(answered).toContain(`OPTIONS /api/webchat/${chat.id}/sessions 403`);
    await page.locator('[data-mw="status"]', { hasText: 'Keine Verbindung' }).waitFor();
    expect(await page.locator('[data-from="visitor"][data-pending]', { hasText: 'Hallo von woanders' }).count()).toBe(1); // still waiting to go
    expect(answered.filter((a) => a.startsWith('POST') && a.endsWith(' 403'))).toEqual([]); // never sent past the preflight
    expect(await InboundMessageModel.countDocuments({ channelId: chat.id })).toBe(before);
    await context.close();
  }, 60_000);
});
