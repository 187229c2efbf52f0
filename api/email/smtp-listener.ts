/**
 * Meridian's inbound SMTP listener (smtp-server): the MX, or the relay a mail provider forwards to, delivers here.
 * A message is answered 250 only once `onMail` has stored it, so a failure to store answers 451 and the sending server
 * retries; a message Meridian cannot take is refused whole (552 too large, 550 no usable From, 550 5.7.26 a DMARC
 * p=reject failure) and logged by reason and hash, never by address or content. SPF/DKIM/DMARC are checked with the
 * client's address, HELO and MAIL FROM; a check the DNS leaves unfinished answers 451. Automatic mail (auto-replies, bounces, lists) is accepted and handed on with its
 * classification: the caller stores it and must never answer it.
 */
import { createHash } from 'node:crypto';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { createLogger, loggableError, type Logger } from '../../config/logger';
import { DEFAULT_INBOUND_MAIL_LIMITS, type InboundMailLimits, type MailRejection } from '../../services/email-in/parse-mail';
import type { MailAuthenticator, MailSessionFacts } from '../../services/email-auth/authenticate-mail';
import { logRefusal, receiveInboundMail, type InboundMailHandler, type ReceiveOutcome } from '../../services/email-in/receive-mail';

export type { InboundMailHandler };

export interface InboundSmtpOptions {
  host: string;
  port: number;
  maxMessageBytes: number;
  /** Recipient domains accepted (lower case); others are refused with 550. Unset: every recipient. */
  acceptedDomains?: readonly string[];
  onMail: InboundMailHandler;
  /** Checks SPF/DKIM/DMARC of each mail (services/email-auth); unset: no checks, no mail counts as authenticated. */
  authenticator?: MailAuthenticator;
  maxAttachmentBytes?: number;
  maxAttachments?: number;
  /** Concurrent connections in all (smtp-server answers 421 past it). */
  maxClients?: number;
  /** STARTTLS with this key and certificate; without them STARTTLS is not offered. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  logger?: Logger;
}

export interface InboundSmtp {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** Abuse limits: one client cannot hold many connections, nor send unbounded mail or recipients over one. */
const MAX_CONNECTIONS_PER_ADDRESS = 10;
const MAX_MESSAGES_PER_CONNECTION = 100;
const MAX_RECIPIENTS_PER_MESSAGE = 50;

/** The SMTP answer to each refusal: all permanent, resending the same message cannot change the outcome. */
const REFUSAL: Record<MailRejection, { code: number; message: string }> = {
  too_large: { code: 552, message: '5.3.4 Message too big' },
  no_from: { code: 550, message: '5.6.0 A message needs a From address' },
  unparsable_from: { code: 550, message: '5.1.7 The From address cannot be read' },
  unparsable: { code: 550, message: '5.6.0 The message cannot be parsed' },
  dmarc_reject: { code: 550, message: "5.7.26 Unauthenticated mail: the From domain's DMARC policy says to reject it" },
};

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** Reads the DATA stream: the bytes while within the limit, and the hash and size of everything sent either way. */
function collect(stream: SMTPServerDataStream): Promise<{ raw: Buffer; sha256: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const hash = createHash('sha256');
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
      if (!stream.sizeExceeded) chunks.push(chunk); // an oversize message is refused: read it to the end, keep none
    });
    stream.once('error', reject);
    stream.once('end', () => resolve({ raw: Buffer.concat(chunks), sha256: hash.digest('hex'), bytes }));
  });
}

/** smtp-server hooks that keep one client address to `max` connections at once (421 past it). */
function connectionsPerAddress(max: number): Pick<SMTPServerOptions, 'onConnect' | 'onClose'> {
  const open = new Map<string, number>();
  const counted = new Set<string>(); // sessions counted in `open`: a refused one is closed too, and must not be subtracted
  return {
    onConnect(session, callback) {
      const count = (open.get(session.remoteAddress) ?? 0) + 1;
      if (count > max) return callback(smtpError(421, '4.7.0 Too many connections from your address, try again later'));
      open.set(session.remoteAddress, count);
      counted.add(session.id);
      callback();
    },
    onClose(session) {
      if (!counted.delete(session.id)) return;
      const count = (open.get(session.remoteAddress) ?? 1) - 1;
      if (count <= 0) open.delete(session.remoteAddress);
      else open.set(session.remoteAddress, count);
    },
  };
}

/** Starts the inbound SMTP listener; resolves once it listens (port 0 picks a free port). */
export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const logger = (options.logger ?? createLogger({ name: 'meridian' })).child({ component: 'email-in' });
  const limits: InboundMailLimits = {
    maxMessageBytes: options.maxMessageBytes,
    maxAttachmentBytes: options.maxAttachmentBytes ?? DEFAULT_INBOUND_MAIL_LIMITS.maxAttachmentBytes,
    maxAttachments: options.maxAttachments ?? DEFAULT_INBOUND_MAIL_LIMITS.maxAttachments,
  };
  const accepted = options.acceptedDomains?.map((d) => d.toLowerCase());

  /** The SMTP answer to an outcome: nothing for 250, else the refusal, or 451 so the sender tries again. */
  function answer(result: ReceiveOutcome): Error | null {
    if (result.outcome === 'accepted') return null;
    if (result.outcome === 'failed') return smtpError(451, '4.3.0 Temporary failure, try again later');
    return smtpError(REFUSAL[result.reason].code, REFUSAL[result.reason].message);
  }

  function receive(raw: Buffer, sha256: string, session: SMTPServerSession): Promise<ReceiveOutcome> {
    const envelope = { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) };
    const facts: MailSessionFacts = { ip: session.remoteAddress.replace(/^::ffff:/, ''), helo: session.hostNameAppearsAs, mailFrom: envelope.from };
    return receiveInboundMail(raw, sha256, { limits, receivedAtMs: Date.now(), envelope, onMail: options.onMail, logger, authenticator: options.authenticator, session: facts });
  }

  const server = new SMTPServer({
    size: options.maxMessageBytes,
    maxClients: options.maxClients ?? 50,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'], // an MX takes mail for its domains, it does not log anyone in
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    logger: false,
    ...connectionsPerAddress(MAX_CONNECTIONS_PER_ADDRESS),
    onMailFrom(_address, session, callback) {
      if (session.transaction > MAX_MESSAGES_PER_CONNECTION) return callback(smtpError(421, '4.7.0 Too many messages in one connection'));
      callback();
    },
    onRcptTo(address, session, callback) {
      if (accepted && !accepted.includes(domainOf(address.address))) return callback(smtpError(550, '5.7.1 Relaying denied: not a domain of this server'));
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS_PER_MESSAGE) return callback(smtpError(452, '4.5.3 Too many recipients'));
      callback();
    },
    onData(stream, session, callback) {
      collect(stream)
        .then(({ raw, sha256, bytes }) => (stream.sizeExceeded ? logRefusal(logger, 'too_large', sha256, bytes) : receive(raw, sha256, session)))
        .then((result) => callback(answer(result)), (err: unknown) => {
          logger.error({ err: loggableError(err) }, 'inbound mail failed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.removeListener('error', reject);
      // smtp-server reports a client's connection errors on the server: a sender that hangs up must not end the process.
      server.on('error', (err) => logger.debug({ err: loggableError(err) }, 'inbound smtp connection error'));
      resolve();
    });
  });
  const address = server.server.address();
  return {
    host: options.host,
    port: typeof address === 'object' && address ? address.port : options.port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
