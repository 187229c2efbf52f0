/**
 * Environment of inbound e-mail (README, "E-mail in"): the SMTP listener, the optional IMAP mailbox, and the limits
 * both hold mail to. Part of config.ts's EnvSchema; kept here so the mail settings read as one block.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

const MB = 1024 * 1024;
const PortSchema = z.coerce.number().int().min(0).max(65535);
const BoolSchema = z.enum(['true', 'false']).transform((v) => v === 'true');
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** `support.example.com, example.com` → lower-cased domains, each a valid host name. */
const DomainsSchema = z
  .string()
  .transform((v) => v.split(',').map((d) => d.trim().toLowerCase()).filter((d) => d !== ''))
  .pipe(z.array(z.string().regex(DOMAIN, 'expected domains such as support.example.com')).min(1));

/** `127.0.0.1:5353`, `10.0.0.2`, `[::1]:53`: an address node's resolver takes (setServers), port optional. */
function isDnsServer(v: string): boolean {
  const m = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(v) ?? /^([^:]+)(?::(\d{1,5}))?$/.exec(v) ?? [v, v];
  const port = m[2] === undefined ? 53 : Number(m[2]);
  return isIP(m[1] ?? '') !== 0 && port >= 1 && port <= 65535;
}
const DnsServersSchema = z
  .string()
  .transform((v) => v.split(',').map((d) => d.trim()).filter((d) => d !== ''))
  .pipe(z.array(z.string().refine(isDnsServer, 'expected DNS server addresses such as 127.0.0.1:5353 or [::1]:53')).min(1));

/** The inbound mail variables, spread into config.ts's EnvSchema. */
export const InboundEmailEnvShape = {
  /** Where the SMTP listener listens: point MX or a forwarding relay at it. */
  INBOUND_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  INBOUND_SMTP_PORT: PortSchema.default(2525),
  INBOUND_SMTP_MAX_CLIENTS: z.coerce.number().int().min(1).max(10_000).default(50),
  /** Comma-separated domains whose recipients are accepted (others get 550); unset: every recipient. */
  INBOUND_EMAIL_DOMAINS: optional(DomainsSchema),
  /** The region of tickets opened by e-mail (a customer's verified region wins); unset: the first region by id. */
  INBOUND_EMAIL_REGION: optional(z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'expected a region id')),
  /** Refused above this (SMTP: advertised as SIZE, 552); each attachment above the next limit is listed, not kept. */
  INBOUND_EMAIL_MAX_MESSAGE_MB: z.coerce.number().int().min(1).max(100).default(25),
  INBOUND_EMAIL_MAX_ATTACHMENT_MB: z.coerce.number().int().min(1).max(100).default(10),
  INBOUND_EMAIL_MAX_ATTACHMENTS: z.coerce.number().int().min(0).max(200).default(20),
  /** SPF/DKIM/DMARC of every inbound mail (README "E-mail in"); `off` only where a front MTA enforces DMARC already. */
  INBOUND_EMAIL_AUTHENTICATION: z.enum(['on', 'off']).default('on'),
  /** DNS servers those checks ask (unset: the system's); a bound on the whole check of one mail. */
  INBOUND_DNS_SERVERS: optional(DnsServersSchema),
  INBOUND_EMAIL_AUTH_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(15),
  /** An existing mailbox to take mail from as well (unset: none); user and password then required, no defaults. */
  INBOUND_IMAP_HOST: optional(z.string().min(1)),
  INBOUND_IMAP_PORT: PortSchema.default(993),
  INBOUND_IMAP_SECURE: BoolSchema.default(true),
  INBOUND_IMAP_USER: optional(z.string().min(1)),
  INBOUND_IMAP_PASSWORD: optional(z.string().min(1)),
  INBOUND_IMAP_MAILBOX: z.string().min(1).default('INBOX'),
  INBOUND_IMAP_POLL_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
};
type InboundEmailEnv = z.infer<z.ZodObject<typeof InboundEmailEnvShape>>;

/** Half an IMAP mailbox is a typo: refused at boot (config.ts refines EnvSchema with it). */
export const imapComplete = {
  check: (e: InboundEmailEnv) => !e.INBOUND_IMAP_HOST || (!!e.INBOUND_IMAP_USER && !!e.INBOUND_IMAP_PASSWORD),
  issue: { path: ['INBOUND_IMAP_USER'], message: 'INBOUND_IMAP_HOST needs INBOUND_IMAP_USER and INBOUND_IMAP_PASSWORD' },
};

/** The `inboundEmail` slice of Config: the listener's and the poller's options, limits in bytes. */
export function inboundEmailConfig(e: InboundEmailEnv) {
  const imap =
    e.INBOUND_IMAP_HOST && e.INBOUND_IMAP_USER && e.INBOUND_IMAP_PASSWORD
      ? {
          host: e.INBOUND_IMAP_HOST,
          port: e.INBOUND_IMAP_PORT,
          secure: e.INBOUND_IMAP_SECURE,
          auth: { user: e.INBOUND_IMAP_USER, pass: e.INBOUND_IMAP_PASSWORD },
          mailbox: e.INBOUND_IMAP_MAILBOX,
          pollIntervalMs: e.INBOUND_IMAP_POLL_SECONDS * 1000,
        }
      : undefined;
  return {
    regionId: e.INBOUND_EMAIL_REGION,
    authentication: e.INBOUND_EMAIL_AUTHENTICATION === 'on' ? { dnsServers: e.INBOUND_DNS_SERVERS, timeoutMs: e.INBOUND_EMAIL_AUTH_TIMEOUT_SECONDS * 1000 } : undefined,
    smtp: { host: e.INBOUND_SMTP_HOST, port: e.INBOUND_SMTP_PORT, maxClients: e.INBOUND_SMTP_MAX_CLIENTS, acceptedDomains: e.INBOUND_EMAIL_DOMAINS },
    imap,
    limits: {
      maxMessageBytes: e.INBOUND_EMAIL_MAX_MESSAGE_MB * MB,
      maxAttachmentBytes: e.INBOUND_EMAIL_MAX_ATTACHMENT_MB * MB,
      maxAttachments: e.INBOUND_EMAIL_MAX_ATTACHMENTS,
    },
  };
}
