/**
 * SPF, DKIM, DMARC and ARC of one inbound mail with mailauth, within a time bound: a DNS server that does not answer
 * yields `temperror` verdicts (the listener then answers 451) instead of holding the SMTP session open.
 */
import { authenticate } from 'mailauth';
import { getDomain } from 'tldts';
import {
  bestDkim,
  unfinishedAuthentication,
  type DkimResult,
  type DmarcPolicy,
  type DmarcResult,
  type MailAuthentication,
  type SpfResult,
} from '../../domain/email/mail-authentication';
import type { MailDnsResolver } from './dns-resolver';

/** What the SMTP session knows about the sender; IMAP mail has none of it (SPF is then `not_checked`). */
export interface MailSessionFacts {
  ip?: string;
  helo?: string;
  /** MAIL FROM; '' is the null sender. */
  mailFrom?: string;
}

/** Checks one raw mail whose From header has this domain. */
export type MailAuthenticator = (raw: Buffer, fromDomain: string, session: MailSessionFacts) => Promise<MailAuthentication>;

const SPF: readonly SpfResult[] = ['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror'];
const DKIM: readonly DkimResult[] = ['pass', 'fail', 'neutral', 'policy', 'none', 'temperror', 'permerror'];
const DMARC: readonly DmarcResult[] = ['pass', 'fail', 'none', 'temperror', 'permerror'];
const POLICIES: readonly DmarcPolicy[] = ['none', 'quarantine', 'reject'];

function oneOf<T extends string>(values: readonly T[], value: unknown, otherwise: T): T {
  return values.includes(value as T) ? (value as T) : otherwise;
}

function organisational(domain: string): string {
  return (getDomain(domain, { allowPrivateDomains: true }) ?? domain).toLowerCase();
}

type AuthResult = Awaited<ReturnType<typeof authenticate>>;

/** mailauth's full answer → the compact verdict stored on the message. */
export function verdictOf(result: AuthResult, fromDomain: string, spfChecked: boolean): MailAuthentication {
  const spf = spfChecked ? oneOf(SPF, result.spf ? result.spf.status.result : 'none', 'permerror') : 'not_checked';
  const rows = result.dkim.results ?? [];
  const passed = rows.filter((r) => r.status.result === 'pass' && r.signingDomain);
  const dkim = bestDkim(rows.map((r) => oneOf(DKIM, r.status.result, 'permerror')));
  // No DMARC answer at all: the mail names no single author domain (two From addresses): suspicious (RFC 9989 11.5).
  const dmarc: DmarcResult = result.dmarc ? oneOf(DMARC, result.dmarc.status.result, 'permerror') : 'permerror';
  const policy = result.dmarc ? (result.dmarc as { policy?: string }).policy : undefined;
  const org = organisational(fromDomain);
  const spfDomain = result.spf && spf === 'pass' ? result.spf.domain : undefined;
  const alignedAuth = passed.some((r) => organisational(r.signingDomain!) === org) || (spfDomain !== undefined && organisational(spfDomain) === org);
  return {
    fromDomain,
    spf,
    dkim,
    dkimDomains: [...new Set(passed.map((r) => r.signingDomain!.toLowerCase()))],
    dmarc,
    ...(policy && POLICIES.includes(policy as DmarcPolicy) ? { dmarcPolicy: policy as DmarcPolicy } : {}),
    arc: oneOf(['pass', 'fail', 'none'] as const, result.arc ? result.arc.status.result : 'none', 'fail'),
    aligned: dmarc === 'pass' || (dmarc !== 'fail' && alignedAuth),
    spoofSuspected: dmarc === 'fail' || !result.dmarc,
  };
}

/** The authenticator the listener and the poller use: `mta` names this host in the checks, `timeoutMs` bounds them. */
export function createMailAuthenticator(options: { resolver: MailDnsResolver; timeoutMs: number; mta: string }): MailAuthenticator {
  return async (raw, fromDomain, session) => {
    const spfChecked = session.ip !== undefined;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<MailAuthentication>((resolve) => {
      timer = setTimeout(() => resolve(unfinishedAuthentication(fromDomain, spfChecked)), options.timeoutMs);
    });
    const checked = authenticate(raw, {
      ip: session.ip,
      helo: session.helo,
      sender: session.mailFrom || undefined,
      mta: options.mta,
      resolver: options.resolver,
      disableBimi: true,
    }).then((result) => verdictOf(result, fromDomain, spfChecked));
    try {
      return await Promise.race([checked, timedOut]);
    } finally {
      clearTimeout(timer);
      checked.catch(() => undefined); // finishing after the bound: its late answer (or error) goes nowhere
    }
  };
}
