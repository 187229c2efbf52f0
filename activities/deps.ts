import type { Logger } from '../config/logger';
import type { TicketEventMetrics } from '../metrics/ticket-event-metrics';

/** One e-mail as the activities hand it to the transport. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  headers?: Record<string, string>;
}

/** The transport seam: nodemailer in production, the same over a local SMTP server in tests. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** What every activity factory is built from (assembled in worker/main.ts). */
export interface ActivityDeps {
  logger: Logger;
  mailer: Mailer;
  mailFrom: string;
  publicBaseUrl: string;
  /** Derives each ticket's query code for the links in customer mails. */
  secret: string;
  /** Where alerts about tickets that need attention go. */
  opsEmail: string;
  /** Measures event writes, SLA breach lateness and escalations (the workflow itself never measures). */
  metrics: TicketEventMetrics;
}
