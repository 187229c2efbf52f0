/**
 * SPF, DKIM and DMARC of inbound mail over real servers: nodemailer signs with a generated key and delivers to the real
 * SMTP listener, whose checks ask a real DNS server on 127.0.0.1 (dns2) for the test domains' SPF, DKIM and DMARC
 * records. No database or Temporal: what is stored is whatever onMail does, here a list in memory.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { startInboundSmtp, type InboundMailHandler, type InboundSmtp } from '../../api/email/smtp-listener';
import type { InboundEmail } from '../../domain/email/inbound-email';
import { createMailAuthenticator } from '../../services/email-auth/authenticate-mail';
import { createMailDnsResolver } from '../../services/email-auth/dns-resolver';
import { captureLogger } from '../support/log-capture';
import { startMailDns, startSilentDns, testMailDomains, type DkimSigning, type MailDns } from '../support/mail-dns';

const SUPPORT = 'support@meridian.example';
const { records, sign } = testMailDomains();

let dns: MailDns;
let listener: InboundSmtp;
let transport: Transporter;
const stored: InboundEmail[] = [];
const logs: string[] = [];
const onMail: InboundMailHandler = async (mail) => void stored.push(mail);

async function send(mail: Mail.Options, via: Transporter = transport): Promise<{ accepted: true } | { accepted: false; code: number | undefined; response: string }> {
  try {
    await via.sendMail({ to: SUPPORT, ...mail });
    return { accepted: true };
  } catch (err) {
    const e = err as { responseCode?: number; response?: string };
    return { accepted: false, code: e.responseCode, response: e.response ?? '' };
  }
}

/** The mail as the signer wrote it (signed, CRLF), to be tampered with before it is sent. */
async function signedRaw(mail: Mail.Options, dkim: DkimSigning): Promise<string> {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows', dkim });
  const info = (await composer.sendMail({ to: SUPPORT, ...mail })) as { message: Buffer };
  return info.message.toString('utf8');
}

beforeAll(async () => {
  dns = await startMailDns(records);
  const authenticator = createMailAuthenticator({ resolver: createMailDnsResolver([dns.server]), timeoutMs: 10_000, mta: 'mx.meridian.example' });
  listener = await startInboundSmtp({ host: '127.0.0.1', port: 0, maxMessageBytes: 1024 * 1024, onMail, authenticator, logger: captureLogger(logs) });
  transport = nodemailer.createTransport({ host: listener.host, port: listener.port, secure: false, ignoreTLS: true, name: 'sender.example' });
});

afterAll(async () => {
  transport.close();
  await listener.stop();
  await dns.stop();
});

beforeEach(() => {
  stored.length = 0;
});

describe('sender authentication of inbound mail (real SMTP, real DNS)', () => {
  it('accepts a DKIM-signed mail from a listed address as authenticated: SPF, DKIM and DMARC pass, aligned', async () => {
    expect(await send({ from: 'Ana <ana@signed.test>', subject: 'Order 12', text: 'Where is it?', dkim: sign.signed })).toEqual({ accepted: true });
    expect(stored[0]?.authentication).toEqual({
      fromDomain: 'signed.test',
      spf: 'pass',
      dkim: 'pass',
      dkimDomains: ['signed.test'],
      dmarc: 'pass',
      dmarcPolicy: 'reject',
      arc: 'none',
      aligned: true,
      spoofSuspected: false,
    });
  });

  it('refuses a forged From of a p=reject domain with 550 5.7.26, stores nothing and logs the refusal', async () => {
    const result = await send({ from: 'CEO <ceo@signed.test>', envelope: { from: 'x@elsewhere.test', to: [SUPPORT] }, subject: 'Urgent wire', text: 'Pay now.' });
    expect(result).toMatchObject({ accepted: false, code: 550, response: expect.stringContaining('5.7.26') });
    expect(stored).toEqual([]);
    const line = logs.find((l) => l.includes('"reason":"dmarc_reject"'));
    expect(line).toMatch(/"dmarc":"fail"/);
    expect(line).not.toContain('signed.test'); // neither the address nor its domain
  });

  it('holds a mail whose body was changed after signing (DKIM does not verify, DMARC p=quarantine): stored as spoof suspected', async () => {
    // mailauth reports a body hash mismatch as dkim=neutral ("body hash did not verify"): not a pass, which is what counts.
    const raw = await signedRaw({ from: 'bo@quarantined.test', subject: 'Invoice', text: 'Please pay invoice 17 to account 111.' }, sign.quarantined);
    const tampered = raw.replace('account 111', 'account 999');
    expect(await send({ envelope: { from: 'bo@quarantined.test', to: [SUPPORT] }, raw: tampered })).toEqual({ accepted: true });
    expect(stored[0]?.authentication).toMatchObject({ spf: 'none', dkim: 'neutral', dkimDomains: [], dmarc: 'fail', dmarcPolicy: 'quarantine', aligned: false, spoofSuspected: true });
  });

  it('holds a mail sent from an address its domain’s SPF does not list (SPF fail, DMARC p=none fails too)', async () => {
    expect(await send({ from: 'cy@spf-only.test', subject: 'Hello', text: 'Hi.' })).toEqual({ accepted: true });
    expect(stored[0]?.authentication).toMatchObject({ spf: 'fail', dkim: 'none', dmarc: 'fail', dmarcPolicy: 'none', aligned: false, spoofSuspected: true });
  });

  it('takes mail of a domain that publishes nothing as unauthenticated but not suspect', async () => {
    expect(await send({ from: 'di@plain.test', subject: 'Hello', text: 'Hi.' })).toEqual({ accepted: true });
    expect(stored[0]?.authentication).toMatchObject({ spf: 'none', dkim: 'none', dmarc: 'none', aligned: false, spoofSuspected: false });
  });

  it('checks mail taken from a mailbox (no SMTP session) by DKIM and DMARC, SPF not checked', async () => {
    const raw = await signedRaw({ from: 'ana@signed.test', subject: 'From IMAP', text: 'Hi.' }, sign.signed);
    const check = createMailAuthenticator({ resolver: createMailDnsResolver([dns.server]), timeoutMs: 10_000, mta: 'mx.meridian.example' });
    expect(await check(Buffer.from(raw), 'signed.test', {})).toMatchObject({ spf: 'not_checked', dkim: 'pass', dmarc: 'pass', aligned: true, spoofSuspected: false });
  });

  it('answers 451 within its bound when the DNS server does not answer, and stores nothing', async () => {
    const silent = await startSilentDns();
    const slowLogs: string[] = [];
    const authenticator = createMailAuthenticator({ resolver: createMailDnsResolver([silent.server]), timeoutMs: 1_000, mta: 'mx.meridian.example' });
    const deaf = await startInboundSmtp({ host: '127.0.0.1', port: 0, maxMessageBytes: 1024 * 1024, onMail, authenticator, logger: captureLogger(slowLogs) });
    const via = nodemailer.createTransport({ host: deaf.host, port: deaf.port, secure: false, ignoreTLS: true });
    try {
      expect(await send({ from: 'ana@signed.test', subject: 'Slow DNS', text: 'Hi.' }, via)).toMatchObject({ accepted: false, code: 451 });
      expect(stored).toEqual([]);
      expect(slowLogs.find((l) => l.includes('"reason":"authentication_unfinished"'))).toMatch(/"dmarc":"temperror"/);
    } finally {
      via.close();
      await deaf.stop();
      await silent.stop();
    }
  });

  it('never logs an address or the domain of one, whatever the verdict', () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toMatch(/signed\.test|quarantined\.test|spf-only\.test|plain\.test|elsewhere\.test|meridian\.example/);
  });
});
