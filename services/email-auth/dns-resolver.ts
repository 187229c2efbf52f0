/**
 * The DNS resolver mail authentication asks (SPF, DKIM keys, DMARC policies): the system's, or the servers
 * INBOUND_DNS_SERVERS names (a local validating resolver in production, the tests' own DNS server). Each query is
 * bounded: a server that does not answer costs at most QUERY_TIMEOUT_MS × QUERY_TRIES per name.
 */
import { promises as dns } from 'node:dns';

const QUERY_TIMEOUT_MS = 2_000;
const QUERY_TRIES = 2;

/** What mailauth calls for each lookup: the records, or a DNS error (`ENOTFOUND`, `ENODATA`, `ETIMEOUT` …). */
export type MailDnsResolver = (name: string, rrtype: string) => Promise<string[] | string[][]>;

/** A resolver over `servers` (`host[:port]`, `[v6]:port`), or the system's servers when none are given. */
export function createMailDnsResolver(servers?: readonly string[]): MailDnsResolver {
  const resolver = new dns.Resolver({ timeout: QUERY_TIMEOUT_MS, tries: QUERY_TRIES });
  if (servers && servers.length > 0) resolver.setServers([...servers]);
  return (name, rrtype) => resolver.resolve(name, rrtype) as Promise<string[] | string[][]>;
}
