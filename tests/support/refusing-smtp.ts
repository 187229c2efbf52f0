import request from 'supertest';
import type { SmtpRefusal } from '../../scripts/stack/smtp-catcher';
import { eventually, startHarness, type Harness, type HarnessOptions } from './harness';
import { mailHeader, type CaughtMail } from './smtp';

export const DEFERRED: SmtpRefusal = { code: 451, message: 'mailbox busy, try again later' };
export const REFUSED: SmtpRefusal = { code: 550, message: 'no such mailbox' };

/** One RCPT TO the SMTP server saw: whom, at what server time, and whether it was refused. */
export interface RcptAttempt {
  address: string;
  atMs: number;
  refused: boolean;
}

export interface RefusingHarness {
  h: Harness;
  /** Addresses the SMTP server refuses, with the answer it gives; change it at any time. */
  refusals: Map<string, SmtpRefusal>;
  /** Every RCPT TO so far, oldest first. */
  attempts: RcptAttempt[];
}

/** A time-skipping harness whose SMTP server refuses the addresses in `refusals` and logs every RCPT TO. */
export async function startRefusingHarness(options: Omit<HarnessOptions, 'timeSkipping'>): Promise<RefusingHarness> {
  const h = await startHarness({ ...options, timeSkipping: true });
  const refusals = new Map<string, SmtpRefusal>();
  const attempts: RcptAttempt[] = [];
  // The attempt's server time is read while its activity is still in flight, so the server has not moved on yet.
  h.smtp.refuseRecipients(async (address) => {
    const refusal = refusals.get(address);
    attempts.push({ address, atMs: await h.serverTime(), refused: refusal !== undefined });
    return refusal;
  });
  return { h, refusals, attempts };
}

export interface TimelineEntry {
  seq: number;
  type: string;
  data: Record<string, unknown>;
}

/** The ticket's timeline as staff see it (`GET /api/tickets/{id}`). */
export async function staffTimeline(h: Harness, id: string): Promise<TimelineEntry[]> {
  const res = await request(h.app).get(`/api/tickets/${id}`).set('Authorization', `Bearer ${h.adminKey}`).expect(200);
  return res.body.timeline as TimelineEntry[];
}

/** Waits until the staff timeline shows an event of `type`. */
export function timelineEvent(h: Harness, id: string, type: string): Promise<TimelineEntry> {
  return eventually(async () => (await staffTimeline(h, id)).find((e) => e.type === type));
}

export const subjectOf = (mail: CaughtMail): string => mailHeader(mail, 'Subject') ?? '';

/** The caught mails to `address` whose subject matches. */
export function mailsTo(h: Harness, address: string, subject: RegExp): CaughtMail[] {
  return h.smtp.messages.filter((m) => m.envelope.to.includes(address) && subject.test(subjectOf(m)));
}
