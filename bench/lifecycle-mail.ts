/** The customers' inbox for the lifecycle run: each ticket's survey mail, its link's token and when it arrived. */
import type { SmtpCatcher } from '../scripts/stack/smtp-catcher';
import { mailHeader, mailText } from '../tests/support/smtp';

export interface SurveyMail {
  token: string;
  /** performance.now() in this process when the catcher accepted the mail. */
  arrivedAt: number;
}

export interface SurveyMails {
  /** The survey mail of `ticketId`: already arrived, or the next within `timeoutMs`. */
  of(ticketId: string, timeoutMs: number): Promise<SurveyMail>;
  stop(): void;
}

const SURVEY_LINK = /\/survey\/([A-Za-z0-9_.-]+)/;

/** Watches `smtp` from now on for survey mails (a ticket's other mails, acknowledgement and reply, are skipped). */
export function watchSurveyMails(smtp: SmtpCatcher): SurveyMails {
  const arrived = new Map<string, SurveyMail>();
  const waiting = new Map<string, (mail: SurveyMail) => void>();
  const unsubscribe = smtp.onMessage((raw) => {
    const arrivedAt = performance.now();
    const ticketId = mailHeader(raw, 'x-meridian-ticket');
    const token = ticketId ? SURVEY_LINK.exec(mailText(raw))?.[1] : undefined;
    if (!ticketId || !token) return;
    arrived.set(ticketId, { token, arrivedAt });
    waiting.get(ticketId)?.({ token, arrivedAt });
  });
  return {
    of(ticketId, timeoutMs) {
      const mail = arrived.get(ticketId);
      if (mail) return Promise.resolve(mail);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(ticketId);
          reject(new Error(`no survey mail within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        waiting.set(ticketId, (m) => {
          clearTimeout(timer);
          waiting.delete(ticketId);
          resolve(m);
        });
      });
    },
    stop: () => void unsubscribe(),
  };
}
