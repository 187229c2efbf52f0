/**
 * WhatsApp's closed 24-hour window (real stack, the production sender against a fake Graph API on loopback that checks
 * templates as Meta does): a reply goes as the channel's approved template, in the customer's language, with the
 * ticket's values; without a template and an e-mail address the ticket says an agent must pick one; an agent's pick is
 * checked against the channel and sent once; inside the window free text goes as before; Meta's refusal of a template
 * shows on the ticket and is not retried. The window's clock is the signed delivery's timestamp, backdated.
 */
import request from 'supertest';
import { PHONE_NUMBER_ID, whatsAppText } from '../support/fake-channels/meta-deliveries';
import { startFakeWhatsApp, type FakeWhatsApp } from '../support/fake-channels/fake-whatsapp';
import { signedMetaDelivery } from '../support/fake-channels/signing';
import { eventually, startHarness, type Harness } from '../support/harness';
import { act, eventWhen, openTicket, ticketBody, ticketWhen } from '../support/tickets';
import { deliver, putChannel, routed, SECRETS } from './channel-support';

const DAY_S = 24 * 3600;
const TEMPLATES = [
  { name: 'new_answer_on_request', usedFor: ['agent-reply', 'info-request'], languages: { en: 'en_US', pt: 'pt_BR' }, fallbackLanguage: 'en', bodyParameters: ['customerName', 'queryCode', 'trackingUrl'] },
  { name: 'please_write_back', languages: { en: 'en_US' }, fallbackLanguage: 'en', bodyParameters: ['ticketSubject'] },
  { name: 'old_follow_up', languages: { en: 'en_US' }, fallbackLanguage: 'en', bodyParameters: ['customerName'] },
  { name: 'never_approved', languages: { en: 'en_US' }, fallbackLanguage: 'en' },
  { name: 'request_resolved', usedFor: ['resolution', 'approval-outcome'], languages: { en: 'en_GB' }, fallbackLanguage: 'en', bodyParameters: ['ticketSubject', 'queryCode'] },
];

type Send = { purpose: string; state: string; failure: string | null; template: { name: string; languageCode: string } | null };

describe('WhatsApp template messages for the closed 24-hour window (real stack, Graph API on loopback)', () => {
  let h: Harness;
  let wa: FakeWhatsApp;
  beforeAll(async () => {
    wa = await startFakeWhatsApp({ token: SECRETS.whatsapp.accessToken, phoneNumberId: PHONE_NUMBER_ID });
    wa.approveTemplate('new_answer_on_request', { languages: ['en_US', 'pt_BR'], parameters: 3 });
    wa.approveTemplate('please_write_back', { languages: ['en_US'], parameters: 1 });
    wa.approveTemplate('old_follow_up', { languages: ['en_US'], parameters: 2 }); // Meta's copy has a {{2}} ours lacks
    wa.approveTemplate('request_resolved', { languages: ['en_GB'], parameters: 2 });
    h = await startHarness();
    await putChannel(h, 'wa-tpl', { kind: 'whatsapp', accountId: PHONE_NUMBER_ID, secrets: SECRETS.whatsapp, apiBaseUrl: wa.url, templates: TEMPLATES }).expect(201);
  });
  afterAll(async () => {
    await h?.stop();
    await wa?.stop();
  });

  const staffView = async (id: string) => (await request(h.app).get(`/api/tickets/${id}`).set('Authorization', `Bearer ${h.adminKey}`).expect(200)).body;
  const sendsOf = async (id: string): Promise<Send[]> => (await staffView(id)).channelSends;

  async function fromWhatsApp(waId: string, id: string, atS: number) {
    await deliver(h, 'wa-tpl', signedMetaDelivery(whatsAppText({ waId, name: 'Ana Souza' }, id, atS, 'Meu pedido não chegou'), SECRETS.whatsapp.appSecret)).expect(200);
    return ticketWhen((await routed('wa-tpl', id)).ticketId!, (t) => t.status === 'assigned');
  }

  it('keeps a channel’s templates and refuses names, languages and kinds Meta or Meridian would not take', async () => {
    const shown = await request(h.app).get('/api/channels/wa-tpl').set('Authorization', `Bearer ${h.adminKey}`).expect(200);
    expect(shown.body.templates.map((t: { name: string; usedFor: string[] }) => [t.name, t.usedFor])).toEqual([
      ['new_answer_on_request', ['agent-reply', 'info-request']],
      ['please_write_back', []],
      ['old_follow_up', []],
      ['never_approved', []],
      ['request_resolved', ['resolution', 'approval-outcome']],
    ]);
    const badName = await putChannel(h, 'wa-bad', { kind: 'whatsapp', accountId: PHONE_NUMBER_ID, secrets: SECRETS.whatsapp, templates: [{ ...TEMPLATES[0], name: 'New Answer', languages: { en: 'en-US' } }] }).expect(400);
    expect(badName.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/body/templates/0/languages/en', '/body/templates/0/name']);
    const twice = await putChannel(h, 'wa-bad', { kind: 'whatsapp', accountId: PHONE_NUMBER_ID, secrets: SECRETS.whatsapp, templates: [TEMPLATES[0], { ...TEMPLATES[1], usedFor: ['agent-reply'] }] }).expect(422);
    expect(twice.body.errors).toEqual([expect.objectContaining({ pointer: '/body/templates/1/usedFor' })]);
    await putChannel(h, 'tg-bad', { kind: 'telegram', accountId: '7000000001', secrets: SECRETS.telegram, templates: [TEMPLATES[1]] }).expect(422);
    expect((await request(h.app).get('/api/channels/wa-bad').set('Authorization', `Bearer ${h.adminKey}`)).status).toBe(404); // nothing half-stored

    // The OpenAPI document says all of it: the channel's templates, a reply's template, the console's window.
    const doc = (await request(h.app).get('/openapi.json').expect(200)).body;
    const documented = (path: string, method: string) => JSON.stringify(doc.paths[path][method]);
    expect(documented('/api/channels/{id}', 'put')).toContain('fallbackLanguage');
    expect(documented('/api/tickets/{id}/replies', 'post')).toContain('"template"');
    expect(documented('/api/tickets/{id}', 'get')).toContain('whatsappWindow');
  });

  it('outside the window sends the reply as the channel’s template, in the customer’s language, once; says an agent must pick one for what has none', async () => {
    const ticket = await fromWhatsApp('5511987650001', 'wamid.tpl-1', Math.floor(Date.now() / 1000) - 2 * DAY_S);
    // No template stands in for the acknowledgement, and a WhatsApp customer has no e-mail address.
    const ackFailed = await eventWhen(ticket._id, 'delivery.failed', (e) => e.data.kind === 'acknowledgement');
    expect(String(ackFailed.data.reason)).toMatch(/24-hour customer-service window is closed.*no approved template for acknowledgement messages.*an agent must pick a template/);
    const view = await staffView(ticket._id);
    expect(view.whatsappWindow).toEqual({ channelId: 'wa-tpl', state: 'closed', closesAt: expect.any(String) });
    expect(view.whatsappTemplates.map((t: { name: string }) => t.name)).toEqual(['new_answer_on_request', 'please_write_back', 'old_follow_up', 'never_approved', 'request_resolved']);

    await request(h.app).patch(`/api/customers/${ticket.customerId}`).set('Authorization', `Bearer ${h.adminKey}`).send({ language: 'pt-BR' }).expect(200);
    wa.throttleNext(1); // the first attempt meets Meta's throughput limit: the activity is retried, the template goes once
    await act(h, ticket._id, 'replies', { body: 'Seu pacote sai amanhã cedo.' }).expect(200);
    const sent = await eventually(async () => (await sendsOf(ticket._id)).find((s) => s.purpose === 'agent-reply' && s.state === 'sent'));
    expect(sent.template).toEqual({ name: 'new_answer_on_request', languageCode: 'pt_BR' });
    const toAna = wa.sent.filter((m) => m.to === '5511987650001');
    expect(toAna).toHaveLength(1);
    const [name, code, url] = toAna[0]!.template!.parameters;
    expect(toAna[0]).toMatchObject({ type: 'template', template: { name: 'new_answer_on_request', language: 'pt_BR' } });
    expect(name).toBe('Ana Souza');
    expect(code).toMatch(/^MRD-[0-9A-Z]{4}-/);
    expect(url).toBe(`http://meridian.test/api/track/${code}`);
    expect(toAna[0]!.text).toBeUndefined(); // the agent's own words never go into a template
  });

  it('sends the resolution notice outside the window as its own template', async () => {
    const ticket = await fromWhatsApp('5511987650005', 'wamid.tpl-5', Math.floor(Date.now() / 1000) - 2 * DAY_S);
    await act(h, ticket._id, 'complete', { taskId: ticket.task!.taskId, outcome: 'done' }).expect(200);
    const notice = await eventually(async () => wa.sent.find((m) => m.to === '5511987650005' && m.template?.name === 'request_resolved'));
    expect(notice.template).toEqual({ name: 'request_resolved', language: 'en_GB', parameters: [ticket.subject, expect.stringMatching(/^MRD-/)] });
    const sends = await eventually(async () => (await sendsOf(ticket._id)).find((s) => s.purpose === 'resolution' && s.state === 'sent'));
    expect(sends.template).toEqual({ name: 'request_resolved', languageCode: 'en_GB' });
  });

  it('inside the window sends free text as before, and tells the console until when the window is open', async () => {
    const atS = Math.floor(Date.now() / 1000) - 3600;
    const ticket = await fromWhatsApp('5511987650002', 'wamid.tpl-2', atS);
    await eventually(async () => wa.sent.find((m) => m.to === '5511987650002')); // the acknowledgement, as text
    expect((await staffView(ticket._id)).whatsappWindow).toEqual({ channelId: 'wa-tpl', state: 'open', closesAt: new Date((atS + DAY_S) * 1000).toISOString() });
    await act(h, ticket._id, 'replies', { body: 'Chega amanhã.' }).expect(200);
    const reply = await eventually(async () => wa.sent.find((m) => m.to === '5511987650002' && m.text?.includes('Chega amanhã.')));
    expect(reply.type).toBe('text');
    expect((await sendsOf(ticket._id)).map((s) => [s.purpose, s.template])).toEqual([
      ['acknowledgement', null],
      ['agent-reply', null],
    ]);
  });

  it('sends the template an agent picks once per request, and refuses one the channel lacks or a customer not on WhatsApp', async () => {
    const ticket = await fromWhatsApp('5511987650003', 'wamid.tpl-3', Math.floor(Date.now() / 1000) - 3 * DAY_S);
    const unknown = await act(h, ticket._id, 'replies', { body: 'Oi', template: 'please_write_bak' }).expect(422);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_REFERENCE', errors: [{ pointer: '/body/template', message: expect.stringContaining('please_write_back') }] });
    await act(h, ticket._id, 'replies', { body: 'Oi', template: 'Please-Write' }).expect(400);

    const pick = () => request(h.app).post(`/api/tickets/${ticket._id}/replies`).set('Authorization', `Bearer ${h.adminKey}`).set('Idempotency-Key', 'pick-template-1').send({ body: 'Precisamos do número do pedido.', template: 'please_write_back' });
    const first = await pick().expect(200);
    expect((await pick().expect(200)).body).toEqual(first.body); // a retried request: the first answer, no second message
    const sent = await eventually(async () => (await sendsOf(ticket._id)).find((s) => s.purpose === 'agent-reply' && s.state === 'sent'));
    expect(sent.template).toEqual({ name: 'please_write_back', languageCode: 'en_US' });
    expect(wa.sent.filter((m) => m.to === '5511987650003').map((m) => m.template)).toEqual([{ name: 'please_write_back', language: 'en_US', parameters: [ticket.subject] }]);

    const byMail = await openTicket(h, ticketBody());
    await ticketWhen(byMail.id, (t) => t.status === 'assigned');
    const notOnWhatsApp = await act(h, byMail.id, 'replies', { body: 'Hi', template: 'please_write_back' }).expect(422);
    expect(notOnWhatsApp.body).toMatchObject({ code: 'INCONSISTENT_INPUT', errors: [{ pointer: '/body/template' }] });
    expect((await staffView(byMail.id)).whatsappWindow).toBeNull();
  });

  it('shows Meta’s refusal of a template on the ticket as a failed send, tried once', async () => {
    const ticket = await fromWhatsApp('5511987650004', 'wamid.tpl-4', Math.floor(Date.now() / 1000) - 2 * DAY_S);
    await act(h, ticket._id, 'replies', { body: 'Alguma novidade?', template: 'old_follow_up' }).expect(200);
    const failed = await eventWhen(ticket._id, 'delivery.failed', (e) => e.data.kind === 'agent-reply');
    expect(failed.data).toMatchObject({ permanent: true });
    expect(String(failed.data.reason)).toMatch(/template "old_follow_up".*\(#132000\).*localizable_params \(1\) does not match the expected number of params \(2\)/);
    await act(h, ticket._id, 'replies', { body: 'E agora?', template: 'never_approved' }).expect(200);
    const missing = await eventWhen(ticket._id, 'delivery.failed', (e) => String(e.data.reason).includes('never_approved'));
    expect(String(missing.data.reason)).toContain('(#132001)');
    const sends = await sendsOf(ticket._id);
    expect(sends.filter((s) => s.purpose === 'agent-reply').map((s) => [s.template?.name, s.state])).toEqual([
      ['old_follow_up', 'failed'],
      ['never_approved', 'failed'],
    ]);
    const templateRequests = wa.requests.filter((r) => (r.body as { to?: string; type?: string }).to === '5511987650004' && (r.body as { type?: string }).type === 'template');
    expect(templateRequests).toHaveLength(2); // one request each: a refusal is never retried
  });
});
