import type { Config } from '../config/config';
import type { InboundRoutingDeps } from './inbound/route-inbound.activities';
import type { Logger } from '../config/logger';
import type { MessageCatalog } from '../domain/messages/catalog';
import type { TicketEventMetrics } from '../metrics/ticket-event-metrics';

/** One e-mail as the activities hand it to the transport. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** The same message as HTML (customer mails); clients show it, or the text part when they cannot. */
  html?: string;
  messageId: string;
  /** Threading (RFC 5322): the Message-ID this mail answers, and the thread it belongs to, oldest first. */
  inReplyTo?: string;
  references?: string[];
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
  /** The customer message templates, loaded and checked once at boot. */
  messages: MessageCatalog;
  /** Measures event writes, SLA breach lateness and escalations (the workflow itself never measures). */
  metrics: TicketEventMetrics;
  /** External systems `integration` steps call (payment gateway, platform); either may be absent. */
  integrations: Config['integrations'];
  /** What routing channel messages to tickets needs (intake's configuration and a Temporal client); absent: not routed here. */
  inboundRouting?: InboundRoutingDeps;
}
