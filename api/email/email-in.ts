/**
 * E-mail in for the API process (`npm start`, `tsx api/server.ts`): the SMTP listener on INBOUND_SMTP_PORT and, when
 * a mailbox is configured, the IMAP poller, both checking each mail's sender (SPF/DKIM/DMARC, unless
 * INBOUND_EMAIL_AUTHENTICATION=off) and handing it to the same intake (store once, then route).
 */
import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import type { Logger } from '../../config/logger';
import { hostname } from 'node:os';
import { createMailAuthenticator } from '../../services/email-auth/authenticate-mail';
import { createMailDnsResolver } from '../../services/email-auth/dns-resolver';
import { startImapPoller } from '../../services/email-in/imap-poller';
import { emailIntake } from '../../services/inbound/email-intake';
import { startInboundSmtp } from './smtp-listener';

export interface EmailIn {
  smtpPort: number;
  stop(): Promise<void>;
}

export async function startEmailIn(deps: { config: Config; temporal: Client; logger: Logger }): Promise<EmailIn> {
  const { inboundEmail } = deps.config;
  const onMail = emailIntake(deps);
  const auth = inboundEmail.authentication;
  const authenticator = auth ? createMailAuthenticator({ resolver: createMailDnsResolver(auth.dnsServers), timeoutMs: auth.timeoutMs, mta: hostname() }) : undefined;
  const smtp = await startInboundSmtp({ ...inboundEmail.smtp, ...inboundEmail.limits, onMail, authenticator, logger: deps.logger });
  const imap = inboundEmail.imap ? await startImapPoller({ ...inboundEmail.imap, limits: inboundEmail.limits, onMail, authenticator, logger: deps.logger }) : null;
  deps.logger.info({ port: smtp.port, imap: inboundEmail.imap ? inboundEmail.imap.host : null }, 'e-mail in listening');
  return {
    smtpPort: smtp.port,
    async stop() {
      await imap?.stop();
      await smtp.stop();
    },
  };
}
