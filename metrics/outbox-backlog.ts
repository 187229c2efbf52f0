import { countUnsentEmails, UNSENT_STATES } from '../models/email-outbox.model';
import { gauge, type Registry } from './registry';

/** A scrape waits this long for the counts at most: a slow or unreachable database must not hang the whole scrape. */
const COUNT_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `meridian_email_outbox_backlog{state}`: e-mails not sent yet, counted in the database on each scrape. When the count
 * fails the series are left out of that scrape (absent, never a stale number).
 */
export function registerOutboxBacklog(registry: Registry): void {
  gauge(registry, {
    name: 'meridian_email_outbox_backlog',
    help: 'E-mail outbox entries not sent yet: pending (waiting for an attempt) or sending (an attempt holds the lease).',
    labelNames: ['state'],
    async collect() {
      this.reset();
      try {
        const counts = await withTimeout(countUnsentEmails(), COUNT_TIMEOUT_MS);
        for (const state of UNSENT_STATES) this.set({ state }, counts[state]);
      } catch {
        // Left out: an outage shows as absent series, which `absent()` alerts can catch.
      }
    },
  });
}
