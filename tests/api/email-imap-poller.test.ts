/**
 * The IMAP poller against a real IMAP server over TCP: hoodiecrow-imap, an in-memory IMAP4rev1 server with IDLE, so
 * the test sees what the poller does to the mailbox (which messages it takes, which it marks \Seen, when).
 */
import type { AddressInfo } from 'node:net';
import hoodiecrow from 'hoodiecrow-imap';
import type { InboundEmail } from '../../domain/email/inbound-email';
import { startImapPoller, type ImapPoller } from '../../services/email-in/imap-poller';
import { DEFAULT_INBOUND_MAIL_LIMITS } from '../../services/email-in/parse-mail';
import nodemailer from 'nodemailer';
import { createMailAuthenticator, type MailAuthenticator } from '../../services/email-auth/authenticate-mail';
import { createMailDnsResolver } from '../../services/email-auth/dns-resolver';
import { captureLogger } from '../support/log-capture';
import { startMailDns, testMailDomains } from '../support/mail-dns';

type Server = ReturnType<typeof hoodiecrow>;
const USER = { user: 'support', pass: 'imap-test-password' };

const message = (id: string, from = 'Alice <alice@customer.example>') =>
  [`From: ${from}`, 'To: support@meridian.example', `Subject: Mail ${id}`, `Message-ID: <${id}@customer.example>`, '', `Body of ${id}`, ''].join('\r\n');

async function startServer(seed: Array<{ raw: string; flags?: string[] }>): Promise<{ server: Server; port: number }> {
  const server = hoodiecrow({
    plugins: ['IDLE', 'ID', 'UNSELECT', 'ENABLE', 'NAMESPACE', 'UIDPLUS', 'LITERALPLUS', 'SPECIAL-USE'],
    storage: { INBOX: { messages: seed } },
    users: { [USER.user]: { password: USER.pass } },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port };
}

const seenFlags = (server: Server) => server.getMailbox('INBOX').messages.map((m) => m.flags.includes('\\Seen'));

async function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('IMAP poller', () => {
  let server: Server;
  let poller: ImapPoller | undefined;
  const taken: InboundEmail[] = [];
  const logs: string[] = [];
  let failNext = false;

  async function start(seed: Array<{ raw: string; flags?: string[] }>, limits = DEFAULT_INBOUND_MAIL_LIMITS, authenticator?: MailAuthenticator): Promise<void> {
    const started = await startServer(seed);
    server = started.server;
    poller = await startImapPoller({
      host: '127.0.0.1',
      port: started.port,
      secure: false,
      auth: USER,
      pollIntervalMs: 3_600_000, // only IDLE (or pollNow) can bring new mail within a test
      limits,
      authenticator,
      logger: captureLogger(logs),
      onMail: async (mail) => {
        if (failNext) {
          failNext = false;
          throw new Error('database unavailable');
        }
        taken.push(mail);
      },
    });
  }

  beforeEach(() => {
    taken.length = 0;
    failNext = false;
  });

  afterEach(async () => {
    await poller?.stop();
    poller = undefined;
    await new Promise<void>((resolve) => server.close(resolve));
  });

  it('hands every unseen message on, oldest first, and marks it \\Seen; a message already read is left alone', async () => {
    await start([{ raw: message('one') }, { raw: message('read-before'), flags: ['\\Seen'] }, { raw: message('two') }]);
    expect(taken.map((m) => m.messageId)).toEqual(['<one@customer.example>', '<two@customer.example>']);
    expect(taken[0]).toMatchObject({ from: { address: 'alice@customer.example' }, text: 'Body of one', classification: { kind: 'customer' } });
    expect(seenFlags(server)).toEqual([true, true, true]);
  });

  it('leaves a message unseen when storing it fails, and takes it on the next round', async () => {
    failNext = true;
    await start([{ raw: message('retry') }, { raw: message('after') }]);
    expect(taken).toEqual([]);
    expect(seenFlags(server)).toEqual([false, false]);
    await poller?.pollNow();
    expect(taken.map((m) => m.messageId)).toEqual(['<retry@customer.example>', '<after@customer.example>']);
    expect(seenFlags(server)).toEqual([true, true]);
  });

  it('takes new mail as soon as the server announces it', async () => {
    await start([]);
    server.appendMessage('INBOX', [], false, message('pushed'));
    await waitFor(() => taken.length === 1);
    expect(taken[0]?.messageId).toBe('<pushed@customer.example>');
    await waitFor(() => seenFlags(server)[0] === true);
  });

  it('marks a message over the size limit \\Seen without handing it on, and takes the next one', async () => {
    const big = message('big').replace('Body of big', 'x'.repeat(5000));
    await start([{ raw: big }, { raw: message('small') }], { ...DEFAULT_INBOUND_MAIL_LIMITS, maxMessageBytes: 4000 });
    expect(taken.map((m) => m.messageId)).toEqual(['<small@customer.example>']);
    expect(seenFlags(server)).toEqual([true, true]);
    expect(logs.some((l) => l.includes('"reason":"too_large"'))).toBe(true);
  });

  it('marks a message without From \\Seen without handing it on, and logs the refusal without the address', async () => {
    const noFrom = ['To: support@meridian.example', 'Subject: anonymous', '', 'who?', ''].join('\r\n');
    await start([{ raw: noFrom }]);
    expect(taken).toEqual([]);
    expect(seenFlags(server)).toEqual([true]);
    expect(logs.some((l) => l.includes('"reason":"no_from"'))).toBe(true);
    expect(logs.join('\n')).not.toContain('support@meridian.example');
  });

  it('checks DKIM and DMARC of mailbox mail (SPF not checked): a signed mail passes, a forgery of a p=reject domain is handed on as suspect (held), not refused', async () => {
    const { records, sign } = testMailDomains();
    const dns = await startMailDns(records);
    try {
      const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows', dkim: sign.signed });
      const signed = ((await composer.sendMail({ from: 'ana@signed.test', to: 'support@meridian.example', subject: 'Signed', text: 'Hi.', messageId: '<signed@signed.test>' })) as { message: Buffer }).message.toString('utf8');
      const authenticator = createMailAuthenticator({ resolver: createMailDnsResolver([dns.server]), timeoutMs: 10_000, mta: 'mx.meridian.example' });
      await start([{ raw: signed }, { raw: message('forged', 'CEO <ceo@signed.test>') }], DEFAULT_INBOUND_MAIL_LIMITS, authenticator);
      expect(taken.map((m) => [m.messageId, m.authentication?.spf, m.authentication?.dkim, m.authentication?.dmarc, m.authentication?.spoofSuspected])).toEqual([
        ['<signed@signed.test>', 'not_checked', 'pass', 'pass', false],
        ['<forged@customer.example>', 'not_checked', 'none', 'fail', true],
      ]);
      expect(seenFlags(server)).toEqual([true, true]);
    } finally {
      await dns.stop();
    }
  });
});
