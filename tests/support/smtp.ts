import { startSmtpCatcher as startCatcher, type CaughtMail, type SmtpCatcher } from '../../scripts/stack/smtp-catcher';

export type { CaughtMail, SmtpCatcher };

/** An in-memory SMTP server on a free 127.0.0.1 port: point nodemailer at `{ host, port }`, call `stop()` in afterAll. */
export function startSmtpCatcher(): Promise<SmtpCatcher> {
  return startCatcher({ port: 0 });
}

/** Resolves with the first caught mail (already received or arriving within timeoutMs) that matches predicate. */
export function waitForMail(
  catcher: SmtpCatcher,
  predicate: (mail: CaughtMail) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<CaughtMail> {
  const already = catcher.messages.find(predicate);
  if (already) return Promise.resolve(already);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      const seen = catcher.messages.map((m) => `${m.envelope.from} → ${m.envelope.to.join(', ')}`).join('; ');
      reject(new Error(`no matching mail within ${timeoutMs} ms; received ${catcher.messages.length}: ${seen || 'none'}`));
    }, timeoutMs);
    const unsubscribe = catcher.onMessage((mail) => {
      if (!predicate(mail)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(mail);
    });
  });
}

/** Decoded value of a header of a caught mail (first occurrence, unfolded, RFC 2047 words decoded). */
export function mailHeader(mail: CaughtMail, name: string): string | undefined {
  const headerBlock = mail.raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = headerBlock.replace(/\r?\n[ \t]+/g, ' ');
  const prefix = `${name.toLowerCase()}:`;
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(prefix));
  return line === undefined ? undefined : decodeWords(line.slice(prefix.length).trim());
}

function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1') // whitespace between encoded words is not content
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_match, charset: string, encoding: string, text: string) => {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(
              text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              'latin1',
            );
      return new TextDecoder(charset.toLowerCase()).decode(bytes);
    });
}

interface MimePart {
  headers: string;
  body: string;
}

/** Header value of a header block (first occurrence, unfolded). */
function headerIn(block: string, name: string): string | undefined {
  const prefix = `${name.toLowerCase()}:`;
  const line = block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/).find((l) => l.toLowerCase().startsWith(prefix));
  return line?.slice(prefix.length).trim();
}

function splitPart(raw: string): MimePart {
  const end = /\r?\n\r?\n/.exec(raw);
  return end ? { headers: raw.slice(0, end.index), body: raw.slice(end.index + end[0].length) } : { headers: raw, body: '' };
}

/** The leaf parts of a MIME message (multipart/alternative and mixed, nested), each with its own headers. */
function leafParts(part: MimePart): MimePart[] {
  const type = headerIn(part.headers, 'Content-Type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) return [part];
  const sections = part.body.split(`--${boundary}`).slice(1); // before the first boundary is the preamble
  return sections.filter((s) => !s.startsWith('--')).flatMap((s) => leafParts(splitPart(s.replace(/^\r?\n/, ''))));
}

function decodeBody(part: MimePart): string {
  const encoding = headerIn(part.headers, 'Content-Transfer-Encoding')?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body, 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return part.body.replace(/\r?\n$/, '');
  const bytes = part.body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8').replace(/\r?\n$/, '');
}

/** The decoded body of the first part of a caught mail with this content type (the mail itself when single-part). */
export function mailPart(mail: CaughtMail, contentType: 'text/plain' | 'text/html'): string | undefined {
  const part = leafParts(splitPart(mail.raw)).find((p) => (headerIn(p.headers, 'Content-Type') ?? 'text/plain').toLowerCase().startsWith(contentType));
  return part && decodeBody(part).replace(/\r\n/g, '\n');
}

/** The plain-text body of a caught mail (its text/plain part when it has several), transfer encoding undone. */
export function mailText(mail: CaughtMail): string {
  return mailPart(mail, 'text/plain') ?? '';
}

/** The HTML part of a caught mail, transfer encoding undone (empty when it has none). */
export function mailHtml(mail: CaughtMail): string {
  return mailPart(mail, 'text/html') ?? '';
}
