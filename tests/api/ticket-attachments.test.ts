/**
 * A ticket's attachments for staff, over the real stack: mailed in through the real SMTP listener, listed on the ticket
 * and downloaded over HTTP, always as a file (never rendered), only by staff who may see the ticket, only from the
 * ticket whose messages carried it; messaging-channel media stored the same way is listed alike.
 */
import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import request from 'supertest';
import { createApiKey } from '../../api/middleware/auth';
import { startInboundSmtp, type InboundSmtp } from '../../api/email/smtp-listener';
import { InboundAttachmentModel } from '../../models/inbound-attachment.model';
import { InboundMessageModel } from '../../models/inbound-message.model';
import { emailIntake } from '../../services/inbound/email-intake';
import { startHarness, type Harness } from '../support/harness';
import { captureLogger } from '../support/log-capture';
import { ticketWhen } from '../support/tickets';
import { routed } from '../channels/channel-support';
import { HOSTILE_ATTACHMENT_PARAMS } from '../corpus/path-params';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const PDF = Buffer.from('%PDF-1.4 invoice 4711');
const HTML = '<html><script>alert(document.cookie)</script></html>';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
const BIG = Buffer.alloc(4096, 7); // over this listener's 2 KB attachment limit: listed, not kept

interface Item {
  sha256: string;
  filename: string;
  contentType: string;
  size: number;
  skipped: string | null;
  messageId: string;
  channel: string;
  sentAt: string;
  downloadUrl: string | null;
}

describe('ticket attachments (real SMTP in, real HTTP out)', () => {
  let h: Harness;
  let listener: InboundSmtp;
  let transport: Transporter;
  let ticketId: string;
  let otherTicketId: string;
  let nightAgent: string;
  let supportAgent: string;
  beforeAll(async () => {
    h = await startHarness({ env: { ATTACHMENT_RATE_LIMIT_PER_MINUTE: '40' } });
    const onMail = emailIntake({ temporal: h.client, config: h.config, logger: captureLogger([]) });
    listener = await startInboundSmtp({ host: '127.0.0.1', port: 0, maxMessageBytes: 1024 * 1024, maxAttachmentBytes: 2048, onMail, logger: captureLogger([]) });
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
    nightAgent = (await createApiKey({ name: 'night agent', role: 'agent', departmentIds: ['night'] }, h.config.secret)).key;
    supportAgent = (await createApiKey({ name: 'support agent', role: 'agent', departmentIds: ['support'] }, h.config.secret)).key;
    await transport.sendMail({
      from: 'Lina <lina@example.test>',
      to: 'support@meridian.test',
      subject: 'Invoice question',
      text: 'See the files.',
      messageId: '<files@example.test>',
      attachments: [
        { filename: 'Rechnung März "2026".pdf', content: PDF, contentType: 'application/pdf' },
        { filename: 'page.html', content: HTML, contentType: 'text/html' },
        { filename: 'logo.svg', content: SVG, contentType: 'image/svg+xml' },
        { filename: 'scan.bin', content: BIG },
      ],
    });
    ticketId = (await routed('email', '<files@example.test>')).ticketId!;
    await transport.sendMail({ from: 'mo@example.test', to: 'support@meridian.test', subject: 'Other', text: 'Mine.', messageId: '<other@example.test>', attachments: [{ filename: 'secret.txt', content: 'salary list' }] });
    otherTicketId = (await routed('email', '<other@example.test>')).ticketId!;
    await Promise.all([ticketWhen(ticketId, (t) => t.status === 'assigned'), ticketWhen(otherTicketId, (t) => t.status === 'assigned')]);
  });
  afterAll(async () => {
    transport?.close();
    await listener?.stop();
    await h?.stop();
  });

  const get = (path: string, key = h.adminKey) => request(h.app).get(path).set('Authorization', `Bearer ${key}`);
  const list = async (id: string, key = h.adminKey) => (await get(`/api/tickets/${id}/attachments`, key).expect(200)).body.items as Item[];

  it('lists every attachment of the ticket with its name, type, size, hash, message and time; the one over the limit without download', async () => {
    const items = await list(ticketId);
    expect(items.map((i) => [i.filename, i.contentType, i.size, i.sha256, i.skipped])).toEqual([
      ['Rechnung März "2026".pdf', 'application/pdf', PDF.length, sha256(PDF), null],
      ['page.html', 'text/html', HTML.length, sha256(HTML), null],
      ['logo.svg', 'image/svg+xml', SVG.length, sha256(SVG), null],
      ['scan.bin', 'application/octet-stream', BIG.length, sha256(BIG), 'too_large'],
    ]);
    expect(items[0]).toMatchObject({ messageId: 'email:<files@example.test>', channel: 'email', downloadUrl: `/api/tickets/${ticketId}/attachments/${sha256(PDF)}` });
    expect(Date.parse(items[0]!.sentAt)).not.toBeNaN();
    expect(items[3]!.downloadUrl).toBeNull();
  });

  it('downloads a file as an attachment with its name encoded (RFC 6266/5987), sandboxed and never sniffed', async () => {
    const res = await get(`/api/tickets/${ticketId}/attachments/${sha256(PDF)}`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body as Buffer, PDF)).toBe(0);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Rechnung M?rz \\"2026\\".pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz%20%222026%22.pdf`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/^sandbox/);
  });

  it('never serves HTML or SVG as such: both download as application/octet-stream', async () => {
    for (const [content, name] of [[HTML, 'page.html'], [SVG, 'logo.svg']] as const) {
      const res = await get(`/api/tickets/${ticketId}/attachments/${sha256(content)}`).expect(200);
      expect(res.headers['content-type']).toBe('application/octet-stream');
      expect(res.headers['content-disposition']).toBe(`attachment; filename=${name}`); // a token needs no quotes (RFC 6266)
    }
  });

  it('answers 404 for a file of another ticket (its hash exists), for one not kept, and for staff outside the ticket’s departments', async () => {
    const others = await list(otherTicketId);
    expect(await InboundAttachmentModel.exists({ _id: others[0]!.sha256 })).toBeTruthy();
    const foreign = await get(`/api/tickets/${ticketId}/attachments/${others[0]!.sha256}`).expect(404);
    expect(foreign.body).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND' });
    expect(foreign.text).not.toContain('salary');
    await get(`/api/tickets/${ticketId}/attachments/${sha256(BIG)}`).expect(404);
    await get(`/api/tickets/${ticketId}/attachments`, nightAgent).expect(404);
    await get(`/api/tickets/${ticketId}/attachments/${sha256(PDF)}`, nightAgent).expect(404);
    expect((await list(ticketId, supportAgent)).length).toBe(4);
  });

  it.each(HOSTILE_ATTACHMENT_PARAMS.map((c) => [c.name, c] as const))('refuses the hostile path parameter %s with a 400 problem and its pointer', async (_name, c) => {
    const res = await get(`/api/tickets/${c.id ?? ticketId}/attachments/${c.sha256 ?? sha256(PDF)}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(c.pointer);
  });

  it('lists media a messaging channel stored the same way, beside the e-mail’s', async () => {
    const photo = Buffer.from('jpeg bytes of a broken hinge');
    await InboundAttachmentModel.create({ _id: sha256(photo), contentType: 'image/jpeg', size: photo.length, data: photo, createdAt: new Date() });
    const at = new Date(Date.now() + 1_000);
    await InboundMessageModel.create({
      _id: 'wa-main:wamid.photo-1', channelId: 'wa-main', kind: 'whatsapp', platformMessageId: 'wamid.photo-1', from: { platformUserId: '6281234567890' },
      attachments: [{ filename: 'hinge.jpg', contentType: 'image/jpeg', size: photo.length, sha256: sha256(photo), inline: false }],
      sentAt: at, receivedAt: at, status: 'routed', ticketId, routed: 'continued', routedAt: at,
    });
    const items = await list(ticketId);
    expect(items.at(-1)).toMatchObject({ filename: 'hinge.jpg', channel: 'whatsapp', messageId: 'wa-main:wamid.photo-1' });
    expect((await get(`/api/tickets/${ticketId}/attachments/${sha256(photo)}`).expect(200)).headers['content-type']).toBe('image/jpeg');
  });

  it('limits attachment reads per API key (429 past ATTACHMENT_RATE_LIMIT_PER_MINUTE)', async () => {
    const key = (await createApiKey({ name: 'busy', role: 'ops' }, h.config.secret)).key;
    const statuses: number[] = [];
    for (let i = 0; i < 41; i += 1) statuses.push((await get(`/api/tickets/${ticketId}/attachments`, key)).status);
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    expect(statuses[40]).toBe(429);
  });
});
