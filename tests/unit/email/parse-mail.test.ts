import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { ticketThreadRoot } from '../../../domain/messages/thread';
import { DEFAULT_INBOUND_MAIL_LIMITS, parseInboundMail, type InboundMailLimits } from '../../../services/email-in/parse-mail';

const RECEIVED_AT_MS = Date.UTC(2026, 10, 24, 9, 30);
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const compose = (mail: Mail.Options): Promise<Buffer> => new MailComposer(mail).compile().build();
const raw = (...lines: string[]) => Buffer.from(lines.join('\r\n'));

async function parse(message: Buffer, limits: Partial<InboundMailLimits> = {}, envelope = { from: 'alice@example.org', to: ['support@meridian.example'] }) {
  return parseInboundMail(message, { limits: { ...DEFAULT_INBOUND_MAIL_LIMITS, ...limits }, receivedAtMs: RECEIVED_AT_MS, envelope });
}

async function parsed(message: Buffer, limits: Partial<InboundMailLimits> = {}) {
  const result = await parse(message, limits);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result;
}

describe('parseInboundMail', () => {
  it('normalises a plain mail: sender lower-cased, recipients, subject, text, Message-ID, a person wrote it', async () => {
    const message = await compose({
      from: '"Alice Example" <Alice.Example@Example.ORG>',
      to: 'Support <Support@Meridian.Example>',
      subject: 'My order never arrived',
      text: 'Order 1234, placed last week.',
      messageId: '<first-mail@example.org>',
    });
    const { email, contents } = await parsed(message);
    expect(email).toEqual({
      messageId: '<first-mail@example.org>',
      from: { address: 'alice.example@example.org', name: 'Alice Example' },
      to: ['support@meridian.example'],
      subject: 'My order never arrived',
      text: 'Order 1234, placed last week.',
      receivedAtMs: RECEIVED_AT_MS,
      attachments: [],
      classification: { kind: 'customer' },
      phones: [],
    });
    expect(contents).toEqual([]);
  });

  it('takes the text from the HTML when there is no text part, without the quoted history', async () => {
    const html =
      '<div dir="ltr">Yes, please refund it.</div><br><div class="gmail_quote"><div class="gmail_attr">On Tue, Nov 24, 2026 at 10:02 AM Meridian Support &lt;support@meridian.example&gt; wrote:<br></div>' +
      '<blockquote class="gmail_quote">Shall we refund the order?</blockquote></div>';
    const { email } = await parsed(await compose({ from: 'alice@example.org', to: 'support@meridian.example', subject: 'Re: refund', html }));
    expect(email.text).toBe('Yes, please refund it.');
    expect(email.html?.trim()).toBe(html);
  });

  it('threads a reply on the ticket its headers name, and a fresh mail on the code in its subject', async () => {
    const root = ticketThreadRoot('tkt_Qm9vZ2xlLWhlbGxv');
    const reply = await parsed(await compose({ from: 'a@example.org', to: 's@meridian.example', subject: 'Re: x [MRD-7K3Q-9XZP-4F2M]', text: 'hi', inReplyTo: root, references: [root] }));
    expect(reply.email).toMatchObject({ threadTicketId: 'tkt_Qm9vZ2xlLWhlbGxv' });
    expect(reply.email.threadQueryCode).toBeUndefined();
    const fresh = await parsed(await compose({ from: 'a@example.org', to: 's@meridian.example', subject: 'Still waiting MRD-7K3Q-9XZP-4F2M', text: 'hi' }));
    expect(fresh.email).toMatchObject({ threadQueryCode: 'MRD-7K3Q-9XZP-4F2M' });
    expect(fresh.email.threadTicketId).toBeUndefined();
  });

  it('lists every attachment by sha256 and keeps the content of those within the limits', async () => {
    const small = Buffer.from('%PDF-1.4 invoice');
    const big = Buffer.alloc(3000, 7);
    const message = await compose({
      from: 'a@example.org',
      to: 's@meridian.example',
      subject: 'files',
      text: 'see attached',
      html: '<p>see attached <img src="cid:logo@x"></p>',
      attachments: [
        { filename: 'invoice.pdf', content: small, contentType: 'application/pdf' },
        { filename: '../../etc/passwd', content: 'x' },
        { filename: 'scan.tiff', content: big, contentType: 'image/tiff' },
        { filename: 'logo.png', content: Buffer.from('png'), contentType: 'image/png', cid: 'logo@x' },
        { filename: 'notes.txt', content: 'one too many', contentType: 'text/plain' },
      ],
    });
    const { email, contents } = await parsed(message, { maxAttachmentBytes: 2000, maxAttachments: 4 });
    // In the order of the message: the inline image sits with the HTML, before the attached files.
    expect(email.attachments).toEqual([
      { filename: 'logo.png', contentType: 'image/png', size: 3, sha256: sha256('png'), inline: true },
      { filename: 'invoice.pdf', contentType: 'application/pdf', size: small.length, sha256: sha256(small), inline: false },
      { filename: '.._.._etc_passwd', contentType: 'application/octet-stream', size: 1, sha256: sha256('x'), inline: false },
      { filename: 'scan.tiff', contentType: 'image/tiff', size: 3000, sha256: sha256(big), inline: false, skipped: 'too_large' },
      { filename: 'notes.txt', contentType: 'text/plain', size: 12, sha256: sha256('one too many'), inline: false, skipped: 'too_many' },
    ]);
    expect(contents.map((c) => c.sha256).sort()).toEqual([sha256('png'), sha256(small), sha256('x')].sort());
    expect(contents.find((c) => c.sha256 === sha256(small))?.content.equals(small)).toBe(true);
  });

  it('names a mail without Message-ID by the hash of its bytes, and sends it to the envelope recipients when it has no To', async () => {
    const message = raw('From: Bob <bob@example.org>', 'Subject: no id', '', 'hello', '');
    const { email } = await parsed(message);
    expect(email.messageId).toBe(`sha256:${sha256(message)}`);
    expect(email.to).toEqual(['support@meridian.example']);
  });

  it.each([
    ['no From header', raw('To: support@meridian.example', 'Subject: who?', '', 'hello', ''), 'no_from'],
    ['an empty group as From', raw('From: undisclosed-recipients:;', 'Subject: x', '', 'hello', ''), 'unparsable_from'],
    ['a From that is not an address', raw('From: just a name', 'Subject: x', '', 'hello', ''), 'unparsable_from'],
  ])('refuses a mail with %s', async (_name, message, reason) => {
    expect(await parse(message)).toEqual({ ok: false, reason });
  });

  it('refuses a message over the size limit before parsing it', async () => {
    const message = await compose({ from: 'a@example.org', to: 's@meridian.example', subject: 'big', text: 'x'.repeat(5000) });
    expect(await parse(message, { maxMessageBytes: 4000 })).toEqual({ ok: false, reason: 'too_large' });
  });
});
