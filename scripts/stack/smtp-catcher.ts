import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** One message as the catcher received it: SMTP envelope plus the raw RFC 5322 text. */
export interface CaughtMail {
  envelope: { from: string; to: string[] };
  raw: string;
  receivedAt: Date;
}

/** An SMTP refusal: 4xx is temporary (the sender retries), 5xx permanent. */
export interface SmtpRefusal {
  code: number;
  message: string;
}

/** Decides for one RCPT TO address whether the catcher refuses it; undefined accepts it. */
export type RecipientPolicy = (address: string) => SmtpRefusal | undefined | Promise<SmtpRefusal | undefined>;

export interface SmtpCatcher {
  host: string;
  port: number;
  /** Every accepted message, oldest first. */
  messages: CaughtMail[];
  /** Calls listener for each new message; returns the unsubscribe function. */
  onMessage(listener: (mail: CaughtMail) => void): () => void;
  /**
   * Asks `policy` about every recipient from now on and refuses the ones it answers for (a message whose recipients
   * are all refused is not accepted); null accepts everyone again, as the catcher does by default.
   */
  refuseRecipients(policy: RecipientPolicy | null): void;
  /**
   * From now on, a message is caught (and listeners told) at once but answered with 250 only when `gate` settles, as
   * a slow mail server answers late; null answers at once again.
   */
  holdAcceptance(gate: Promise<unknown> | null): void;
  stop(): Promise<void>;
}

/**
 * An in-process SMTP server that accepts every message (any or no credentials, plain text only, 10 MB limit)
 * and keeps it in memory, so dev runs and tests can see what Meridian sent without a real mail server.
 */
export async function startSmtpCatcher({ port = 0, host = '127.0.0.1' } = {}): Promise<SmtpCatcher> {
  const messages: CaughtMail[] = [];
  const listeners = new Set<(mail: CaughtMail) => void>();
  let policy: RecipientPolicy | null = null;
  let gate: Promise<unknown> | null = null;
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true, // STARTTLS is disabled, so AUTH (any credentials) has to work in plain text
    disabledCommands: ['STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    closeTimeout: 1_000,
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
    onRcptTo: (address, _session, callback) => {
      if (!policy) return callback();
      Promise.resolve(policy(address.address)).then(
        (refusal) => callback(refusal ? Object.assign(new Error(refusal.message), { responseCode: refusal.code }) : undefined),
        (err: unknown) => callback(Object.assign(new Error(`recipient policy failed: ${String(err)}`), { responseCode: 451 })),
      );
    },
    onData: (stream, session, callback) => {
      void collect(stream).then((raw) => {
        if (stream.sizeExceeded) {
          return callback(Object.assign(new Error('message exceeds 10 MB'), { responseCode: 552 }));
        }
        const mail: CaughtMail = { envelope: envelopeOf(session), raw, receivedAt: new Date() };
        messages.push(mail);
        for (const listener of listeners) listener(mail);
        if (!gate) return callback();
        void gate.finally(() => callback());
      }, callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      // smtp-server emits a client's connection errors on the server: a sender killed mid-message (ECONNRESET) must
      // not take down the process that catches the mail (found by the chaos soak, which SIGKILLs workers).
      server.on('error', () => undefined);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    host,
    port: typeof address === 'object' && address ? address.port : port,
    messages,
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refuseRecipients(next) {
      policy = next;
    },
    holdAcceptance(next) {
      gate = next;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function envelopeOf(session: SMTPServerSession): CaughtMail['envelope'] {
  const { mailFrom, rcptTo } = session.envelope;
  return { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((r) => r.address) };
}

function collect(stream: SMTPServerDataStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk); // an oversized message is rejected, no need to hold it
    });
    stream.once('error', reject);
    stream.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
