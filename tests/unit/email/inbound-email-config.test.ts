import { ConfigError, loadConfig } from '../../../config/config';

const BASE = { MONGODB_URI: 'mongodb://127.0.0.1:9/unused', MERIDIAN_SECRET: 'x'.repeat(40) };
const MB = 1024 * 1024;

describe('inbound e-mail configuration', () => {
  it('listens on 127.0.0.1:2525 with 25 MB messages, 10 MB and 20 attachments, every recipient and no IMAP by default', () => {
    expect(loadConfig(BASE).inboundEmail).toEqual({
      regionId: undefined,
      authentication: { dnsServers: undefined, timeoutMs: 15_000 },
      smtp: { host: '127.0.0.1', port: 2525, maxClients: 50, acceptedDomains: undefined },
      imap: undefined,
      limits: { maxMessageBytes: 25 * MB, maxAttachmentBytes: 10 * MB, maxAttachments: 20 },
    });
  });

  it('reads accepted domains lower-cased and an IMAP mailbox with its credentials', () => {
    const config = loadConfig({
      ...BASE,
      INBOUND_EMAIL_DOMAINS: ' Support.Example.com, example.org ',
      INBOUND_IMAP_HOST: 'imap.example.org',
      INBOUND_IMAP_USER: 'support@example.org',
      INBOUND_IMAP_PASSWORD: 'imap-password',
      INBOUND_IMAP_POLL_SECONDS: '30',
    }).inboundEmail;
    expect(config.smtp.acceptedDomains).toEqual(['support.example.com', 'example.org']);
    expect(config.imap).toEqual({
      host: 'imap.example.org',
      port: 993,
      secure: true,
      auth: { user: 'support@example.org', pass: 'imap-password' },
      mailbox: 'INBOX',
      pollIntervalMs: 30_000,
    });
  });

  it('checks senders against the DNS servers named (system resolver unless set), or not at all when switched off', () => {
    const config = loadConfig({ ...BASE, INBOUND_DNS_SERVERS: '127.0.0.1:5353, [::1]:53,10.0.0.2', INBOUND_EMAIL_AUTH_TIMEOUT_SECONDS: '3' }).inboundEmail;
    expect(config.authentication).toEqual({ dnsServers: ['127.0.0.1:5353', '[::1]:53', '10.0.0.2'], timeoutMs: 3_000 });
    expect(loadConfig({ ...BASE, INBOUND_EMAIL_AUTHENTICATION: 'off' }).inboundEmail.authentication).toBeUndefined();
    expect(() => loadConfig({ ...BASE, INBOUND_DNS_SERVERS: 'dns.example.com:53' })).toThrow(/INBOUND_DNS_SERVERS/);
    expect(() => loadConfig({ ...BASE, INBOUND_DNS_SERVERS: '127.0.0.1:70000' })).toThrow(/INBOUND_DNS_SERVERS/);
  });

  it('refuses a malformed domain and an IMAP host without credentials, both at once', () => {
    let problems: string[] = [];
    try {
      loadConfig({ ...BASE, INBOUND_EMAIL_DOMAINS: 'not a domain', INBOUND_IMAP_HOST: 'imap.example.org' });
    } catch (err) {
      problems = err instanceof ConfigError ? err.problems : [];
    }
    expect(problems).toEqual([
      expect.stringMatching(/^INBOUND_EMAIL_DOMAINS/),
      expect.stringMatching(/^INBOUND_IMAP_USER: INBOUND_IMAP_HOST needs/),
    ]);
  });
});
