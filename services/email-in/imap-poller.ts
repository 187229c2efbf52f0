/**
 * Takes customer mail from an existing mailbox over IMAP (imapflow), for a support address that stays with its mail
 * provider. Every unseen message is handed to the same `onMail` as SMTP mail, oldest first, and marked \Seen only once
 * `onMail` resolved: a failure leaves it (and those after it) unseen for the next round. New mail is noticed at once
 * where the server pushes it (IDLE), else on the next interval. A refused message (too large, no usable From) is marked
 * \Seen and left in the mailbox for a person; it is never handed on.
 *
 * Marking \Seen after `onMail` means a crash between the two hands the message on again: `onMail` dedups by messageId.
 */
import { createHash } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { createLogger, loggableError, type Logger } from '../../config/logger';
import type { InboundMailLimits } from './parse-mail';
import type { MailAuthenticator } from '../email-auth/authenticate-mail';
import { receiveInboundMail, type InboundMailHandler } from './receive-mail';

export interface ImapPollerOptions {
  host: string;
  port: number;
  /** TLS from the first byte (993); false: plain, upgraded with STARTTLS when the server offers it. */
  secure: boolean;
  auth: { user: string; pass: string };
  mailbox?: string;
  /** How often to look when the server does not push new mail (IDLE); default one minute. */
  pollIntervalMs?: number;
  limits: InboundMailLimits;
  onMail: InboundMailHandler;
  /** DKIM and DMARC of each mail (SPF needs the SMTP session, which IMAP does not have: `not_checked`). */
  authenticator?: MailAuthenticator;
  logger?: Logger;
}

export interface ImapPoller {
  /** Takes every unseen message now; resolves when the round (and any round asked for meanwhile) is done. */
  pollNow(): Promise<void>;
  stop(): Promise<void>;
}

/** Hands one message on and marks it \Seen; false when onMail failed, so it and those after it wait for the next round. */
async function takeMessage(imap: ImapFlow, uid: number, options: Pick<ImapPollerOptions, 'limits' | 'onMail' | 'authenticator'> & { logger: Logger }): Promise<boolean> {
  const { limits, onMail, logger, authenticator } = options;
  const head = await imap.fetchOne(String(uid), { size: true }, { uid: true });
  if (!head) return true; // expunged meanwhile
  if ((head.size ?? 0) > limits.maxMessageBytes) {
    logger.warn({ reason: 'too_large', bytes: head.size, uid }, 'inbound mail refused'); // not downloaded, so no hash
  } else {
    const message = await imap.fetchOne(String(uid), { source: true }, { uid: true }); // BODY.PEEK: not \Seen yet
    if (!message || !message.source) return true;
    const raw = message.source;
    const sha256 = createHash('sha256').update(raw).digest('hex');
    const result = await receiveInboundMail(raw, sha256, { limits, receivedAtMs: Date.now(), onMail, logger, authenticator });
    if (result.outcome === 'failed') return false;
  }
  await imap.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
  return true;
}

/** Starts polling a mailbox: connects (rejecting when it cannot), takes what is unseen, then keeps watching. */
export async function startImapPoller(options: ImapPollerOptions): Promise<ImapPoller> {
  const logger = (options.logger ?? createLogger({ name: 'meridian' })).child({ component: 'email-in-imap' });
  const mailbox = options.mailbox ?? 'INBOX';
  let client: ImapFlow | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  async function connected(): Promise<ImapFlow> {
    if (client?.usable) return client;
    // IDLE one second after a round instead of imapflow's 15: a round is one burst of commands, then nothing.
    const next = new ImapFlow({ host: options.host, port: options.port, secure: options.secure, auth: options.auth, logger: false, autoIdleDelay: 1_000 });
    next.on('error', (err: unknown) => logger.warn({ err: loggableError(err) }, 'imap connection error'));
    next.on('exists', () => void pollNow()); // the server announced new mail (IDLE)
    await next.connect();
    client = next;
    return next;
  }

  async function round(): Promise<void> {
    const imap = await connected();
    const lock = await imap.getMailboxLock(mailbox);
    try {
      const unseen = (await imap.search({ seen: false }, { uid: true })) || [];
      for (const uid of [...unseen].sort((a, b) => a - b)) {
        if (stopped || !(await takeMessage(imap, uid, { ...options, logger }))) break;
      }
    } finally {
      lock.release();
    }
  }

  function pollNow(): Promise<void> {
    if (running) {
      again = true; // mail arrived during a round: look once more when it ends
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await round().catch((err: unknown) => logger.warn({ err: loggableError(err) }, 'imap poll failed, trying again later'));
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  await connected();
  await pollNow();
  const timer = setInterval(() => void pollNow(), options.pollIntervalMs ?? 60_000);
  return {
    pollNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await client?.logout().catch(() => client?.close());
    },
  };
}
