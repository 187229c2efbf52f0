/**
 * The inbound SMTP listener against real SMTP: nodemailer delivers to it over loopback, as a sending mail server would.
 * No database or Temporal: what is stored is whatever onMail does, here a list in memory.
 */
import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { startInboundSmtp, type InboundMailHandler, type InboundSmtp } from '../../api/email/smtp-listener';
import type { InboundEmail } from '../../domain/email/inbound-email';
import { ticketThreadRoot } from '../../domain/messages/thread';
import type { AttachmentContent } from '../../services/email-in/parse-mail';
import { captureLogger } from '../support/log-capture';
import { dialog, greeting } from '../support/smtp-dialog';

const MB = 1024 * 1024;
const CUSTOMER = 'alice.example@customer.example';
const SUPPORT = 'support@meridian.example';
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

interface Stored {
  mail: InboundEmail;
  raw: Buffer;
  attachments: AttachmentContent[];
}

let listener: InboundSmtp;
let transport: Transporter;
const stored: Stored[] = [];
const logs: string[] = [];
/** What onMail does besides storing; a test swaps it to make storing fail. */
let beforeStore: () => Promise<void> = async () => undefined;

const onMail: InboundMailHandler = async (mail, raw, attachments) => {
  await beforeStore();
  stored.push({ mail, raw, attachments });
};

/** Sends one mail and answers with the SMTP outcome: the 250 response, or the refusal's code. */
async function send(mail: Mail.Options): Promise<{ accepted: true; response: string } | { accepted: false; code: number | undefined }> {
  try {
    const info = (await transport.sendMail({ from: `"Alice Example" <${CUSTOMER}>`, to: SUPPORT, ...mail })) as { response: string };
    return { accepted: true, response: info.response };
  } catch (err) {
    return { accepted: false, code: (err as { responseCode?: number }).responseCode };
  }
}

const lastStored = (): Stored => {
  const last = stored[stored.length - 1];
  if (!last) throw new Error('nothing stored');
  return last;
};

beforeAll(async () => {
  listener = await startInboundSmtp({ host: '127.0.0.1', port: 0, maxMessageBytes: 25 * MB, acceptedDomains: ['meridian.example'], onMail, logger: captureLogger(logs) });
  transport = nodemailer.createTransport({ host: listener.host, port: listener.port, secure: false, ignoreTLS: true });
});

afterAll(async () => {
  transport.close();
  await listener.stop();
});

beforeEach(() => {
  stored.length = 0;
  beforeStore = async () => undefined;
});

describe('inbound SMTP listener', () => {
  it('accepts a plain mail with 250 and hands it on normalised, raw bytes beside it', async () => {
    const result = await send({ subject: 'My order never arrived', text: 'Order 1234, placed last week.', messageId: '<plain-1@customer.example>' });
    expect(result).toMatchObject({ accepted: true, response: expect.stringMatching(/^250/) });
    const { mail, raw } = lastStored();
    expect(mail).toMatchObject({
      messageId: '<plain-1@customer.example>',
      from: { address: CUSTOMER, name: 'Alice Example' },
      to: [SUPPORT],
      subject: 'My order never arrived',
      text: 'Order 1234, placed last week.',
      classification: { kind: 'customer' },
    });
    expect(raw.toString('utf8')).toContain('Subject: My order never arrived');
  });

  it('takes the text of an HTML-only mail from its HTML', async () => {
    await send({ subject: 'HTML only', html: '<p>Hello <b>support</b>,</p><p>the parcel is <i>damaged</i>.</p>' });
    expect(lastStored().mail.text).toBe('Hello support,\n\nthe parcel is damaged.');
    expect(lastStored().mail.html).toContain('<b>support</b>');
  });

  it('threads a reply to a ticket mail on that ticket, without the quoted history', async () => {
    const root = ticketThreadRoot('tkt_Qm9vZ2xlLWhlbGxv');
    const text = 'Yes, refund it please.\n\nOn Tue, Nov 24, 2026 at 10:02 AM Meridian Support <support@meridian.example> wrote:\n> Shall we refund?\n';
    await send({ subject: 'Re: We received your request [MRD-7K3Q-9XZP-4F2M]', text, inReplyTo: root, references: [root] });
    expect(lastStored().mail).toMatchObject({ threadTicketId: 'tkt_Qm9vZ2xlLWhlbGxv', text: 'Yes, refund it please.' });
  });

  it('lists attachments, keeps the content of those within 10 MB, and lists a bigger one as skipped', async () => {
    const invoice = Buffer.from('%PDF-1.4 invoice 1234');
    const video = Buffer.alloc(11 * MB, 1);
    const result = await send({
      subject: 'Files',
      text: 'See attached.',
      attachments: [
        { filename: 'invoice.pdf', content: invoice, contentType: 'application/pdf' },
        { filename: 'unboxing.mp4', content: video, contentType: 'video/mp4' },
      ],
    });
    expect(result.accepted).toBe(true);
    const { mail, attachments } = lastStored();
    expect(mail.attachments).toEqual([
      { filename: 'invoice.pdf', contentType: 'application/pdf', size: invoice.length, sha256: sha256(invoice), inline: false },
      { filename: 'unboxing.mp4', contentType: 'video/mp4', size: video.length, sha256: sha256(video), inline: false, skipped: 'too_large' },
    ]);
    expect(attachments).toHaveLength(1);
    expect(attachments[0]?.sha256).toBe(sha256(invoice));
    expect(attachments[0]?.content.equals(invoice)).toBe(true);
  });

  it('refuses a message with a 20 MB attachment with 552, stores nothing and logs the refusal', async () => {
    const result = await send({ subject: 'Huge', text: 'x', attachments: [{ filename: 'huge.bin', content: Buffer.alloc(20 * MB, 2) }] });
    expect(result).toEqual({ accepted: false, code: 552 });
    expect(stored).toHaveLength(0);
    expect(logs.some((l) => l.includes('"reason":"too_large"') && /"sha256":"[0-9a-f]{64}"/.test(l))).toBe(true);
  });

  it('advertises SIZE and no AUTH, and refuses a message declared over the limit at MAIL FROM with 552', async () => {
    const replies = await dialog(listener.port, ['EHLO sender.example', `MAIL FROM:<${CUSTOMER}> SIZE=${30 * MB}`, 'QUIT']);
    expect(replies[1]).toMatch(new RegExp(`250[- ]SIZE ${25 * MB}\\r\\n`));
    expect(replies[1]).not.toMatch(/AUTH|STARTTLS/);
    expect(replies[2]).toMatch(/^552/);
    expect(stored).toHaveLength(0);
  });

  it('refuses a message without From with 550 and stores nothing', async () => {
    const raw = ['To: support@meridian.example', 'Subject: who am I', 'Message-ID: <nofrom@x.example>', '', 'no sender here', ''].join('\r\n');
    const result = await send({ envelope: { from: CUSTOMER, to: [SUPPORT] }, raw });
    expect(result).toEqual({ accepted: false, code: 550 });
    expect(stored).toHaveLength(0);
    expect(logs.some((l) => l.includes('"reason":"no_from"'))).toBe(true);
  });

  it('answers 451 when storing fails, so the sender retries, and the retry is accepted', async () => {
    beforeStore = async () => {
      throw new Error(`database unavailable while storing mail from ${CUSTOMER}`);
    };
    const mail = { subject: 'Retry me', text: 'first attempt', messageId: '<retry-1@customer.example>' };
    expect(await send(mail)).toEqual({ accepted: false, code: 451 });
    expect(stored).toHaveLength(0);
    beforeStore = async () => undefined;
    expect(await send(mail)).toMatchObject({ accepted: true });
    expect(stored.map((s) => s.mail.messageId)).toEqual(['<retry-1@customer.example>']);
  });

  it('accepts an out-of-office reply and a bounce, classified as automatic', async () => {
    await send({ subject: 'Automatic reply: Your request', text: 'I am away until Monday.', headers: { 'Auto-Submitted': 'auto-replied' } });
    expect(lastStored().mail.classification).toEqual({ kind: 'automatic', reason: 'auto_submitted' });
    const bounce = ['From: Mail Delivery System <MAILER-DAEMON@mx.example.net>', `To: ${SUPPORT}`, 'Subject: Undelivered Mail', '', 'gone', ''].join('\r\n');
    expect(await send({ envelope: { from: '', to: [SUPPORT] }, raw: bounce })).toMatchObject({ accepted: true });
    expect(lastStored().mail.classification).toEqual({ kind: 'automatic', reason: 'null_sender' });
  });

  it('refuses recipients outside the accepted domains with 550', async () => {
    expect(await send({ to: 'someone@elsewhere.example', subject: 'relay?', text: 'x' })).toEqual({ accepted: false, code: 550 });
    expect(stored).toHaveLength(0);
  });

  it('turns away an eleventh simultaneous connection from one address with 421', async () => {
    const open = await Promise.all(Array.from({ length: 10 }, () => greeting(listener.port)));
    try {
      expect(open.every((c) => c.line.startsWith('220'))).toBe(true);
      const eleventh = await greeting(listener.port);
      eleventh.socket.destroy();
      expect(eleventh.line).toMatch(/^421/);
    } finally {
      for (const c of open) c.socket.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 100)); // the server sees the closes before the next test connects
    expect(await send({ subject: 'after the crowd', text: 'x' })).toMatchObject({ accepted: true });
  });

  it('never logs an address, a subject or a body', async () => {
    await send({ subject: 'Secret subject line', text: 'Secret body text' });
    const all = logs.join('\n');
    expect(all).toContain('inbound mail accepted');
    for (const secret of [CUSTOMER, SUPPORT, 'Secret subject line', 'Secret body text', 'Alice Example', 'MAILER-DAEMON@mx.example.net']) {
      expect(all).not.toContain(secret);
    }
  });
});
