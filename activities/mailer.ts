import nodemailer from 'nodemailer';
import type { Config } from '../config/config';
import type { Mailer } from './deps';

/** A Mailer over an SMTP transport (nodemailer). */
export function createSmtpMailer(smtp: Config['smtp']): Mailer & { close(): void } {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.auth,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo,
        references: mail.references,
        headers: mail.headers,
      });
    },
    close: () => transport.close(),
  };
}
