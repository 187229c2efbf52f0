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

/** The text body of a caught single-part mail, its transfer encoding (quoted-printable, base64) undone. */
export function mailText(mail: CaughtMail): string {
  const end = /\r?\n\r?\n/.exec(mail.raw);
  const text = end ? mail.raw.slice(end.index + end[0].length) : '';
  const encoding = mailHeader(mail, 'Content-Transfer-Encoding')?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(text, 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return text;
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
