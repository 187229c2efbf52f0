/**
 * A real DNS server on 127.0.0.1 (dns2, UDP) serving the TXT records mail authentication asks for: SPF at the domain,
 * DKIM keys at `<selector>._domainkey.<domain>`, DMARC at `_dmarc.<domain>`. Unknown names are NXDOMAIN. Also a key
 * pair to sign test mail with (nodemailer's `dkim` option), whose public half a domain's DKIM record publishes.
 */
import { createSocket, type Socket } from 'node:dgram';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import dns2 from 'dns2';

const { Packet } = dns2;

export interface MailDns {
  /** `127.0.0.1:<port>`, as INBOUND_DNS_SERVERS takes it. */
  server: string;
  /** Publishes (or replaces) the TXT strings of a name. */
  setTxt(name: string, ...values: string[]): void;
  stop(): Promise<void>;
}

/** RFC 1035: one TXT character-string holds at most 255 octets; longer values (a DKIM key) are split. */
function chunks(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i += 255) out.push(value.slice(i, i + 255));
  return out.length > 0 ? out : [''];
}

/** Starts the DNS server with these TXT records (lower-case names, without the trailing dot). */
export async function startMailDns(records: Record<string, string[]> = {}): Promise<MailDns> {
  const txt = new Map(Object.entries(records).map(([name, values]) => [name.toLowerCase(), values]));
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const [question] = request.questions;
      const values = question ? txt.get(question.name.toLowerCase()) : undefined;
      if (!question || !values) {
        void send(Packet.createErrorResponseFromRequest(request, 3)); // NXDOMAIN
        return;
      }
      const response = Packet.createResponseFromRequest(request);
      if (question.type === Packet.TYPE.TXT) {
        for (const value of values) response.answers.push({ name: question.name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 60, data: chunks(value) } as never);
      }
      void send(response); // a name with no record of the asked type: NOERROR, no answers (ENODATA)
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  return {
    server: `127.0.0.1:${addresses.udp!.port}`,
    setTxt: (name, ...values) => void txt.set(name.toLowerCase(), values),
    stop: () => server.close(),
  };
}

/** A UDP socket that takes DNS queries and never answers: the DNS server that is down, or a firewall dropping replies. */
export async function startSilentDns(): Promise<{ server: string; stop(): Promise<void> }> {
  const socket: Socket = createSocket('udp4');
  socket.on('message', () => undefined);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { server: `127.0.0.1:${(socket.address() as AddressInfo).port}`, stop: () => new Promise((resolve) => socket.close(() => resolve())) };
}

/** An RSA key for DKIM signing (PEM) and the DKIM record that publishes its public half. */
export function dkimKey(): { privateKey: string; record: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 }); // 1024: fits one UDP answer
  const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), record: `v=DKIM1; k=rsa; p=${spki}` };
}

/** DKIM signing options for nodemailer (`dkim:`), selector `mail`. */
export interface DkimSigning {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/**
 * The test domains and their records:
 * - `signed.test`: SPF lists 127.0.0.1, DKIM key, DMARC p=reject (a careful sender: forgeries are refused);
 * - `example.test`: DKIM key, no SPF, DMARC p=none (signed mail passes; unsigned mail fails DMARC and is held);
 * - `quarantined.test`: DKIM key, DMARC p=quarantine;
 * - `spf-only.test`: SPF lists only 192.0.2.10, DMARC p=none;
 * - anything else (`plain.test`): no records at all.
 */
export function testMailDomains(): { records: Record<string, string[]>; sign: Record<'signed' | 'example' | 'quarantined', DkimSigning> } {
  const key = dkimKey();
  const other = dkimKey();
  return {
    records: {
      'signed.test': ['v=spf1 ip4:127.0.0.1 -all'],
      'mail._domainkey.signed.test': [key.record],
      '_dmarc.signed.test': ['v=DMARC1; p=reject'],
      'mail._domainkey.example.test': [key.record],
      '_dmarc.example.test': ['v=DMARC1; p=none'],
      'mail._domainkey.quarantined.test': [other.record],
      '_dmarc.quarantined.test': ['v=DMARC1; p=quarantine'],
      'spf-only.test': ['v=spf1 ip4:192.0.2.10 -all'],
      '_dmarc.spf-only.test': ['v=DMARC1; p=none'],
    },
    sign: {
      signed: { domainName: 'signed.test', keySelector: 'mail', privateKey: key.privateKey },
      example: { domainName: 'example.test', keySelector: 'mail', privateKey: key.privateKey },
      quarantined: { domainName: 'quarantined.test', keySelector: 'mail', privateKey: other.privateKey },
    },
  };
}
