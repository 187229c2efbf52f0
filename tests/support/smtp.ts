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
